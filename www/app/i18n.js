// Every string the page shows, in English and simplified Chinese (each mode brings its own, in
// its text.js), and the one function that puts them into the DOM (elements carry data-i18n /
// data-i18n-title / -aria-label / -label keys).

import { MODES } from '../modes/index.js';

const SHARED_STRINGS = {
  en: {
    tagline: 'Watch a neural network learn to cook, and take every step of training by hand.',
    language: 'Language',
    saveModel: 'Save model',
    shareCook: 'Share this cook', shareCookTitle: 'Put this cook\u2019s weights into the link',
    loadModel: 'Load model',
    training: 'Training',
    reset: 'Reset', resetTitle: 'Re-initialise the seasonings, same data (R)',
    play: 'Play', pause: 'Pause',
    step: 'Step', stepTitle: 'One whole step: forward, loss, backward, update (S)',
    phase: 'Phase', phaseTitle: 'Only the next phase of the step (P)',
    epoch: 'Epoch', epochTitle: 'Steps until this practice round ends (E)',
    maxSteps: 'Steps per frame',
    budget: 'Time per frame (ms)',
    ingredients: 'Ingredients (data)',
    preset: 'Recipe', 'caption.preset': 'A recipe: a dataset with a cook that can learn it. Pick one, then press Play.',
    'preset.epochs': 'learns in about {n} epochs', 'preset.custom': 'Your own recipe',
    dataset: 'Dataset', classification: 'Classification', regression: 'Regression',
    'ds.circle': 'Circle', 'ds.xor': 'XOR', 'ds.gaussian': 'Two Gaussians', 'ds.spiral': 'Spiral',
    'ds.moons': 'Moons', 'ds.plane': 'Plane (regression)', 'ds.bumps': 'Bumps (regression)',
    noise: 'Noise (%)', trainShare: 'Training share (%)', points: 'Number of points',
    seed: 'Seed', regenerate: 'New data',
    features: 'Input features',
    'feat.x1': 'x₁', 'feat.x2': 'x₂', 'feat.x1Squared': 'x₁²', 'feat.x2Squared': 'x₂²',
    'feat.x1TimesX2': 'x₁·x₂', 'feat.sinX1': 'sin x₁', 'feat.sinX2': 'sin x₂',
    cook: 'The cook (network)',
    'caption.network': 'The model is the cook; weights and biases are its seasonings. With every seasoning at 1 gram (constant init), the neurons of a layer stay identical.',
    hiddenLayers: 'Hidden layers', addLayer: 'Add layer', removeLayer: 'Remove layer',
    layerN: 'Layer {n}', neurons: '{n} neurons', moreNeurons: 'More neurons in layer {n}',
    fewerNeurons: 'Fewer neurons in layer {n}', activationOf: 'Activation of layer {n}',
    'act.relu': 'ReLU', 'act.leakyRelu': 'Leaky ReLU', 'act.tanh': 'tanh', 'act.sigmoid': 'sigmoid', 'act.linear': 'linear',
    'edges.weights': 'weights', 'edges.gradients': 'gradients', 'edges.update': 'last update',
    scopeShow: 'Colour scale', 'scope.layer': 'this layer', 'scope.network': 'whole network',
    input: 'input', output: 'output',
    dish: 'The dish (output)',
    showTest: 'Show test data (◆)', discretize: 'Discretize output',
    'caption.curves': 'Epochs are practice rounds; the test curve is the teacher\u2019s verdict on dishes the cook never practised.',
    'caption.fit': 'More is not always better: when the test loss rises while the train loss keeps falling, the cook is memorising (over-fitting).',
    lossChart: 'Train and test loss per epoch', accuracyChart: 'Train and test accuracy per epoch',
    rmseChart: 'Train and test RMSE per epoch',
    ghostLast: 'last cook: {what}', ghostSame: 'last cook: same recipe', ghostDish: 'The last cook\u2019s dish',
    ghostClear: 'Clear', ghostClearTitle: 'Remove the last cook\u2019s faded curves',
    chartTrain: 'train', chartTest: 'test', chartStep: 'step', axisLoss: 'loss', axisAccuracy: 'accuracy', axisRmse: 'RMSE',
    howLearns: 'How the cook learns',
    'caption.recipe': 'Tasting is the loss; the optimizer decides how the seasonings are adjusted, the learning rate by how much.',
    loss: 'Loss (tasting)', 'loss.crossEntropy': 'Cross-entropy (softmax)',
    'loss.binaryCrossEntropy': 'Binary cross-entropy (sigmoid)', 'loss.mse': 'Least squares',
    outputActivation: 'Output activation',
    init: 'Initial seasonings (init)', 'init.xavier': 'Xavier', 'init.he': 'He', 'init.uniform': 'Uniform ±0.5',
    'init.zeros': 'All zeros', 'init.ones': 'All ones (1 gram each)',
    optimizer: 'Optimizer', 'opt.sgd': 'SGD', 'opt.momentum': 'Momentum', 'opt.adam': 'Adam', 'opt.rmsprop': 'RMSprop',
    learningRate: 'Learning rate', momentum: 'Momentum coefficient (momentum optimizer)', regularization: 'Regularization', 'reg.none': 'None', 'reg.l1': 'L1', 'reg.l2': 'L2',
    regularizationRate: 'Regularization rate', batchSize: 'Batch size',
    keys: 'Keyboard:', 'key.play': 'play / pause', 'key.step': 'step', 'key.phase': 'phase', 'key.epoch': 'epoch', 'key.reset': 'reset',
    'caption.footer': 'The address bar holds the whole recipe: share the link and the same run happens again.',
    // phase strip
    'phase.forward': 'Forward', 'phase.loss': 'Loss', 'phase.backward': 'Backward', 'phase.update': 'Update',
    'phaseLesson.forward': 'cooking the dish', 'phaseLesson.loss': 'tasting',
    'phaseLesson.backward': 'telling the cook what went wrong', 'phaseLesson.update': 'adjusting the seasonings',
    phasesLabel: 'Phases of one training step',
    next: 'next', done: 'just done',
    'phaseDone.none': 'Press Phase (P) to run one phase of a step and see what it changes.',
    'phaseDone.loss': 'Tasted: batch loss {loss}.',
    // One example's loss written out (views/taste.js).
    tasteLog: 'the cook gave the right answer p = {p}, so its loss is −log p = −log {p} = {loss}',
    tasteSquares: 'its loss is ½ Σ (output − target)² = ½ [{terms}] = {loss}',
    'phaseDone.step': 'Whole steps ran: all four phases each time.',
    // counters
    'count.epoch': 'Epoch', 'count.step': 'Step', 'count.examples': 'Examples seen', 'count.speed': 'Steps / s',
    'count.trainLoss': 'Train loss', 'count.testLoss': 'Test loss', 'count.trainAccuracy': 'Train accuracy',
    'count.testAccuracy': 'Test accuracy (teacher)', 'count.trainRmse': 'Train RMSE', 'count.testRmse': 'Test RMSE (teacher)',
    'count.batchLoss': 'Batch loss',
    measuring: 'The teacher is marking epoch {n}\u2026 (train and test figures follow)',
    measuredStart: 'Train and test figures measured before training.',
    measuredAt: 'Train and test figures measured at epoch {n}.',
    // parameter panel
    paramLayer: 'Layer',
    value: 'Value', gradient: 'Gradient', lastUpdate: 'Last update',
    // messages
    urlFallback: 'Link value ignored: {message}. Using {fallback}.',
    optionFallback: 'Embed setting ignored: {message}. Using {fallback}.',
    lesson: 'Lesson', lessonTitle: 'A guided lesson: ten short scenes on how the cook learns',
    lessonMissing: 'The guided lesson is not part of this copy of Neural Kitchen yet.',
    lessonBad: 'Lesson link ignored: {message}.',
    configFallback: 'The link\u2019s recipe was not accepted ({message}); using the default for {field}.',
    modelLoaded: 'Model loaded.', modelLoadFailed: 'Could not load the model: {message}',
    modelSaveFailed: 'Could not save the model: {message}',
    cookShared: 'The link now carries this cook\u2019s weights ({n} characters): copy it from the address bar, and whoever opens it gets exactly this cook.',
    shareTooLong: 'This cook\u2019s weights would make a link of {n} characters (at most {max} travel safely): use Save model to share it as a file.',
    shareFailed: 'Could not share this cook: {message}',
    weightsLoaded: 'The link\u2019s cook: its weights are as they were shared.',
    weightsFallback: 'The link\u2019s weights were not used ({message}); the cook starts from its seed, with the rest of the link.',
    wasmMissing: 'The training core (crate/pkg) is not built yet: run make build.',
    panic: 'The training core crashed and has stopped ({message}). Reload the page to start again.',
    reload: 'Reload',
    dismiss: 'Dismiss',

    // the divergence guard and the timeline (rewinding the cook)
    overSeasoned: 'Over-seasoned! At step {step} the loss jumped to {loss}, more than ten times its best ({lowest}): the learning rate {rate} makes every adjustment so large that the cook overshoots and the dish gets worse instead of better. Training is paused.',
    overSeasonedNaN: 'Over-seasoned! At step {step} the loss stopped being a number: the learning rate {rate} made the seasonings grow without bound. Training is paused.',
    rewindHalve: 'Rewind to the last good step and halve the learning rate',
    rewound: 'Rewound to step {step}; the learning rate is now {rate}.', rewindFailed: 'Could not go back to that step: {message}',
    timeline: 'Rewind the cook: pick a saved step', timelineAt: 'step {step} · epoch {epoch}', timelineNow: 'now: step {step}',
    keepCook: 'Keep this cook', keepCookTitle: 'Go back to the saved step with the lowest test loss (early stopping)',
    guard: 'Guard against over-seasoning', guardTitle: 'Pause when the loss explodes or stops being a number',

    // image datasets and the layer stack
    images: 'Images', 'ds.digits8': 'Digits 8×8', 'ds.mnist': 'Handwritten digits (MNIST)', 'ds.fashion': 'Clothing (Fashion-MNIST)',
    'ds.digits-cnn': 'Handwritten digits: a CNN', 'ds.digits-mlp': 'Handwritten digits: an MLP on pixels',
    'ds.fashion-cnn': 'Clothing: a CNN', 'ds.digits8-mlp': 'Digits 8×8: a small MLP',
    loadingFiles: 'Fetching the data…', filesFailed: 'Could not fetch the data: {message}',
    'kind.conv2d': 'conv', 'kind.maxPool2d': 'max pool', 'kind.avgPool2d': 'avg pool', 'kind.flatten': 'flatten', 'kind.dropout': 'dropout', 'kind.dense': 'dense',
    'lf.channels': 'channels', 'lf.kernel': 'kernel', 'lf.stride': 'stride', 'lf.padding': 'padding', 'lf.size': 'size', 'lf.rate': 'rate', 'lf.units': 'units',
    layerKind: 'Kind of layer {n}', newLayerKind: 'Kind of the new layer', removeLayerN: 'Remove layer {n}', outputLayer: 'output (dense 10)',
  },
  zh: {
    tagline: '看神经网络学做菜，并亲手执行训练的每一步。',
    language: '语言',
    saveModel: '保存模型',
    shareCook: '分享这位厨师', shareCookTitle: '把这位厨师的权重放进链接',
    loadModel: '载入模型',
    training: '训练',
    reset: '重置', resetTitle: '重新初始化调料，数据不变（R）',
    play: '开始', pause: '暂停',
    step: '单步', stepTitle: '完整一步：前向、损失、反向、更新（S）',
    phase: '下一阶段', phaseTitle: '只运行这一步的下一个阶段（P）',
    epoch: '一轮', epochTitle: '运行到本轮练习结束（E）',
    maxSteps: '每帧步数',
    budget: '每帧时间（毫秒）',
    ingredients: '食材（数据）',
    preset: '菜谱', 'caption.preset': '一份菜谱：一道菜，加上一位能学会它的厨师。选好后按“开始”。',
    'preset.epochs': '大约 {n} 轮学会', 'preset.custom': '自己的菜谱',
    dataset: '数据集', classification: '分类', regression: '回归',
    'ds.circle': '圆形', 'ds.xor': '异或', 'ds.gaussian': '两团高斯', 'ds.spiral': '螺旋',
    'ds.moons': '双月', 'ds.plane': '平面（回归）', 'ds.bumps': '起伏（回归）',
    noise: '噪声（%）', trainShare: '训练集比例（%）', points: '点数',
    seed: '随机种子', regenerate: '新数据',
    features: '输入特征',
    'feat.x1': 'x₁', 'feat.x2': 'x₂', 'feat.x1Squared': 'x₁²', 'feat.x2Squared': 'x₂²',
    'feat.x1TimesX2': 'x₁·x₂', 'feat.sinX1': 'sin x₁', 'feat.sinX2': 'sin x₂',
    cook: '厨师（网络）',
    'caption.network': '模型就是厨师，权重和偏置就是调料。所有调料都放 1 克（常数初始化）时，同一层的神经元永远一模一样。',
    hiddenLayers: '隐藏层', addLayer: '添加一层', removeLayer: '删除一层',
    layerN: '第 {n} 层', neurons: '{n} 个神经元', moreNeurons: '第 {n} 层增加神经元',
    fewerNeurons: '第 {n} 层减少神经元', activationOf: '第 {n} 层的激活函数',
    'act.relu': 'ReLU', 'act.leakyRelu': 'Leaky ReLU', 'act.tanh': 'tanh', 'act.sigmoid': 'sigmoid', 'act.linear': '线性',
    'edges.weights': '权重', 'edges.gradients': '梯度', 'edges.update': '上次更新',
    scopeShow: '颜色刻度', 'scope.layer': '本层', 'scope.network': '整个网络',
    input: '输入', output: '输出',
    dish: '菜品（输出）',
    showTest: '显示测试数据（◆）', discretize: '输出离散化',
    'caption.curves': '一轮就是一次练习；测试曲线是老师对厨师没练过的菜的评判。',
    'caption.fit': '多不一定好：训练损失还在下降而测试损失上升时，厨师在死记硬背（过拟合）。',
    lossChart: '每轮的训练和测试损失', accuracyChart: '每轮的训练和测试准确率',
    rmseChart: '每轮的训练和测试均方根误差',
    ghostLast: '上一位厨师：{what}', ghostSame: '上一位厨师：同样的配方', ghostDish: '上一位厨师的菜',
    ghostClear: '清除', ghostClearTitle: '去掉上一位厨师的淡色曲线',
    chartTrain: '训练', chartTest: '测试', chartStep: '步数', axisLoss: '损失', axisAccuracy: '准确率', axisRmse: '均方根误差',
    howLearns: '厨师怎样学习',
    'caption.recipe': '品尝就是损失；优化器决定怎样调整调料，学习率决定调多少。',
    loss: '损失（品尝）', 'loss.crossEntropy': '交叉熵（softmax）',
    'loss.binaryCrossEntropy': '二元交叉熵（sigmoid）', 'loss.mse': '最小二乘',
    outputActivation: '输出激活函数',
    init: '初始调料（初始化）', 'init.xavier': 'Xavier', 'init.he': 'He', 'init.uniform': '均匀 ±0.5',
    'init.zeros': '全部为 0', 'init.ones': '全部为 1（每样 1 克）',
    optimizer: '优化器', 'opt.sgd': 'SGD', 'opt.momentum': '动量', 'opt.adam': 'Adam', 'opt.rmsprop': 'RMSprop',
    learningRate: '学习率', momentum: '动量系数（动量优化器）', regularization: '正则化', 'reg.none': '无', 'reg.l1': 'L1', 'reg.l2': 'L2',
    regularizationRate: '正则化强度', batchSize: '批大小',
    keys: '键盘：', 'key.play': '开始 / 暂停', 'key.step': '单步', 'key.phase': '下一阶段', 'key.epoch': '一轮', 'key.reset': '重置',
    'caption.footer': '地址栏保存了完整的菜谱：分享链接，就能重现同样的训练。',
    'phase.forward': '前向', 'phase.loss': '损失', 'phase.backward': '反向', 'phase.update': '更新',
    'phaseLesson.forward': '做菜', 'phaseLesson.loss': '品尝',
    'phaseLesson.backward': '告诉厨师哪里不对', 'phaseLesson.update': '调整调料',
    phasesLabel: '一个训练步骤的各个阶段',
    next: '下一步', done: '刚完成',
    'phaseDone.none': '按“下一阶段”（P）运行一步中的一个阶段，看看它改变了什么。',
    'phaseDone.loss': '尝过了：本批次损失 {loss}。',
    tasteLog: '厨师给正确答案的概率 p = {p}，所以它的损失是 −log p = −log {p} = {loss}',
    tasteSquares: '它的损失是 ½ Σ (输出 − 目标)² = ½ [{terms}] = {loss}',
    'phaseDone.step': '运行了完整的步骤：每次都经过全部四个阶段。',
    'count.epoch': '轮次', 'count.step': '步数', 'count.examples': '已见样本', 'count.speed': '步 / 秒',
    'count.trainLoss': '训练损失', 'count.testLoss': '测试损失', 'count.trainAccuracy': '训练准确率',
    'count.testAccuracy': '测试准确率（老师）', 'count.trainRmse': '训练均方根误差', 'count.testRmse': '测试均方根误差（老师）',
    'count.batchLoss': '批次损失',
    measuring: '老师正在批改第 {n} 轮\u2026\u2026（训练和测试数据随后更新）',
    measuredStart: '训练和测试数据在训练开始前测得。',
    measuredAt: '训练和测试数据在第 {n} 轮结束时测得。',
    paramLayer: '层',
    value: '数值', gradient: '梯度', lastUpdate: '上次更新',
    urlFallback: '忽略了链接中的值：{message}。改用 {fallback}。',
    optionFallback: '忽略了嵌入设置中的值：{message}。改用 {fallback}。',
    lesson: '课程', lessonTitle: '引导课程：十个小场景，讲厨师如何学习',
    lessonMissing: '这份神经厨房还没有引导课程。',
    lessonBad: '忽略了课程链接：{message}。',
    configFallback: '链接中的菜谱不被接受（{message}）；{field} 改用默认值。',
    modelLoaded: '模型已载入。', modelLoadFailed: '无法载入模型：{message}',
    modelSaveFailed: '无法保存模型：{message}',
    cookShared: '链接现在带上了这位厨师的权重（{n} 个字符）：从地址栏复制它，打开的人得到的就是这位厨师。',
    shareTooLong: '这位厨师的权重会让链接长达 {n} 个字符（能安全传递的上限是 {max}）：请用“保存模型”以文件分享。',
    shareFailed: '无法分享这位厨师：{message}',
    weightsLoaded: '链接里的厨师：权重与分享时相同。',
    weightsFallback: '未使用链接中的权重（{message}）；厨师从种子开始，链接的其余部分照用。',
    wasmMissing: '训练核心（crate/pkg）尚未构建：请运行 make build。',
    panic: '训练核心崩溃并已停止（{message}）。请重新加载页面以重新开始。',
    reload: '重新加载',
    dismiss: '关闭',

    overSeasoned: '调料放过头了！第 {step} 步时损失跳到 {loss}，超过最佳值（{lowest}）的十倍：学习率 {rate} 让每次调整都太大，厨师调过了头，菜越做越差。训练已暂停。',
    overSeasonedNaN: '调料放过头了！第 {step} 步时损失不再是一个数：学习率 {rate} 让调料无限增长。训练已暂停。',
    rewindHalve: '倒回到最后一个好的步骤，并把学习率减半',
    rewound: '已倒回到第 {step} 步；学习率现在是 {rate}。', rewindFailed: '无法回到那一步：{message}',
    timeline: '倒回厨师：选一个保存的步骤', timelineAt: '第 {step} 步 · 第 {epoch} 轮', timelineNow: '当前：第 {step} 步',
    keepCook: '留下这位厨师', keepCookTitle: '回到测试损失最低的保存步骤（提前停止）',
    guard: '防止调料放过头', guardTitle: '损失暴涨或不再是数时暂停',

    images: '图像', 'ds.digits8': '8×8 数字', 'ds.mnist': '手写数字（MNIST）', 'ds.fashion': '服饰（Fashion-MNIST）',
    'ds.digits-cnn': '手写数字：卷积网络', 'ds.digits-mlp': '手写数字：像素上的多层感知机',
    'ds.fashion-cnn': '服饰：卷积网络', 'ds.digits8-mlp': '8×8 数字：小型多层感知机',
    loadingFiles: '正在获取数据…', filesFailed: '无法获取数据：{message}',
    'kind.conv2d': '卷积', 'kind.maxPool2d': '最大池化', 'kind.avgPool2d': '平均池化', 'kind.flatten': '展平', 'kind.dropout': '随机失活', 'kind.dense': '全连接',
    'lf.channels': '通道', 'lf.kernel': '卷积核', 'lf.stride': '步幅', 'lf.padding': '填充', 'lf.size': '大小', 'lf.rate': '比例', 'lf.units': '单元',
    layerKind: '第 {n} 层的类型', newLayerKind: '新层的类型', removeLayerN: '删除第 {n} 层', outputLayer: '输出（全连接 10）',
  },
};

// The shared strings with every mode's own, by language.
const STRINGS = Object.fromEntries(Object.entries(SHARED_STRINGS)
  .map(([lang, strings]) => [lang, Object.assign({}, strings, ...MODES.map((mode) => mode.text[lang]))]));

// The first of the browser's languages we have, else English.
export function preferredLanguage(navigatorLanguages) {
  for (const tag of navigatorLanguages ?? []) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base in STRINGS) return base;
  }
  return 'en';
}

// A translator bound to one language: t('key', {var: value}).
export function translator(lang) {
  const table = STRINGS[lang] ?? STRINGS.en;
  return (key, vars = {}) => {
    const text = table[key] ?? STRINGS.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
  };
}

// root: the Document or a ShadowRoot; langElement: the element whose lang follows (the page's
// <html>, or an embed's own box).
export function applyTranslations(root, lang, langElement) {
  const t = translator(lang);
  langElement.lang = lang === 'zh' ? 'zh-Hans' : 'en';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.label = t(el.dataset.i18nLabel);
}
