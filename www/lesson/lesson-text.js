// Every word the lesson shows, in English and simplified Chinese: the panel's own labels and, per
// scene, its title, two or three sentences (cooking and network side by side), one line per thing
// to try, a live status line and the praise once it is done. {name} marks a value filled in live.

const EN = {
  ui: {
    lesson: 'Lesson: training explained by cooking',
    sceneOf: 'Scene {k} of {n}',
    scenes: 'Scenes',
    goTo: 'Scene {k}: {title}',
    tryThis: 'Try this',
    taskDone: 'done',
    back: 'Back',
    next: 'Next',
    finish: 'Finish',
    leave: 'Leave lesson',
    leaveHint: 'Leaving keeps the network exactly as it is, so you can go on playing with it.',
    fold: 'Hide the story, keep what to try',
    unfold: 'Show the whole scene',
    settingUp: 'Setting up the kitchen…',
    setupFailed: 'This scene could not be set up: {message}',
    drift: 'You changed the kitchen ({fields}): put the scene back?',
    listJoin: ', ',
    putBack: 'Put it back',
    keepMine: 'Keep mine',
  },
  scenes: [
    {
      title: 'The model is a black box: you order, it serves',
      text: [
        'Think of a language model as a cook behind a closed kitchen door. You order through the hatch, the chat box: type the beginning of a name, and the cook serves the rest. From outside you see only what goes in and what comes out; that is all a black box is.',
        'This cook has never practised, so it serves nonsense. Practice changes only numbers inside the kitchen. The panels around the chat box already show that kitchen (on this page the door is ajar), but for now look only at the box: the next scene opens the door wide.',
      ],
      tasks: [
        'Type the beginning of a name (say “ma”) in the chat box and read what the untrained cook serves. (Practised already? Press Reset.)',
        'Now press Play (or Space) and watch the answer change as the cook practises; the lesson stops it after one round.',
      ],
      status: 'Steps practised: {step} · test loss {loss}',
      done: 'Well done! Untrained, the cook served “{order}” as “{order}{before}”. One round of practice took its test loss from {first} to {loss}: read its answer now, it looks like a name. Only numbers inside the kitchen changed; the next scene opens the door.',
    },
    {
      title: 'Open the door: the same idea on 2D points',
      text: [
        'Now the kitchen door opens, on a cook small enough to watch whole. Its order is a point’s two coordinates (x₁, x₂); the dish is the colour it predicts there, and the dots show the right answers.',
        'Everything inside is in view: the neurons, the lines between them, their numbers. Untrained, its colours are a mess, just as the chat cook served nonsense.',
      ],
      tasks: ['Press Play (or Space) and let the cook practise until the colours match the dots (90 % right).'],
      status: 'Right answers so far: {acc}',
      done: 'Well done! The cook now gets {acc} of the practice dishes right. As in the chat box, only numbers changed; the next scene shows which.',
    },
    {
      title: 'Parameters are the seasonings',
      text: [
        'Everything a cook learns comes down to how much of each seasoning goes in.',
        'Those amounts are the parameters: each line in the diagram is a weight (blue positive, orange negative, thicker is larger), each neuron has a bias, and image networks add small kernels. Training only turns these knobs; this cook has practised a little, and now you turn one yourself.',
      ],
      tasks: ['Click a line in the diagram, type a value such as 5 or −5 under “New value” and press Set. Watch the dish change colour.'],
      done: 'Nicely done: one seasoning changed, and the whole dish tastes different. Training does exactly this to every weight, thousands of times.',
    },
    {
      title: 'The pantry: one jar of seasonings per character',
      text: [
        'Back to the chat cook. Before it cooks with a character it takes down that character’s jar: a row of 10 numbers, its embedding. All the jars together are the embedding matrix, one row per character, and they are seasonings like any other: training adjusts them, and so can you.',
        'The pantry shows the matrix as a table and as a map of the characters. Characters the cook uses alike drift together as it practises, so the vowels move away from the consonants.',
      ],
      tasks: [
        'Press Play (or Space) and watch the map in the pantry; the lesson stops the cook after two rounds of practice.',
        'Click “a” in the table or on the map, type a new value such as 3 into one of its numbers and press Enter.',
      ],
      status: 'Round {epoch} · test loss {loss}',
      done: 'Well done! One number in the jar of “a” changed, and so did everything the cook serves after an “a”: see its guesses after “ma” in the chat box. Training turns every number in every jar, a little at each step.',
    },
    {
      title: 'The first try: one gram of everything',
      text: [
        'A beginner might put in exactly one gram of every seasoning: constant initialisation (init “All ones”).',
        'Then every hidden neuron starts the same, gets the same correction and stays the same, so the diagram marks them “neurons identical”. A random start (Xavier, He) makes each neuron different, free to learn something of its own.',
      ],
      tasks: [
        'Press Play (or Space) and let the cook practise for 10 epochs: the hidden neurons keep identical pictures.',
        'Now choose Xavier or He under “Initial seasonings (init)” and press Play again for 10 epochs.',
      ],
      status: 'Epoch {epoch} · right answers {acc}',
      done: 'Well done! One gram of everything: {accOnes} right after 10 epochs. A random start: {accRandom}. Breaking the symmetry lets each neuron find its own job.',
    },
    {
      title: 'Cooking the dish: the forward phase',
      text: [
        'Every practice step starts with cooking: a handful of ingredients passes through the kitchen, station by station.',
        'In the forward phase a batch of points flows through the network layer by layer: each neuron multiplies its inputs by their weights, adds them up with its bias and applies its activation (here tanh). The diagram shows the numbers for the batch’s first point.',
      ],
      tasks: ['Press Phase (P) once, then follow the numbers from the inputs through the hidden layer to the output.'],
      done: 'Cooked! Each number on a neuron is what that station made of the point: inputs first, then the hidden neurons, then the answer. Nothing has been tasted or changed yet.',
    },
    {
      title: 'Tasting: the loss phase',
      text: [
        'After cooking comes tasting: how far is this dish from the one we wanted?',
        'The loss phase answers with one number, the loss, averaged over the batch. Cross-entropy judges the predicted probabilities and punishes a confident wrong answer hard; least squares measures the squared distance from the right answer.',
      ],
      tasks: [
        'Press Phase (P) twice (cook, then taste): the tasting shows as “Last tasting” among the counters.',
        'Now choose “Least squares” under “Loss (tasting)” and press Phase twice again.',
      ],
      done: 'Well tasted! Same dish, two tasters: over all the practice points (“Train loss”) cross-entropy says {ce}, least squares {mse}. Their scales differ; what matters is that both fall as the cook gets better.',
    },
    {
      title: 'Telling the cook what went wrong: the backward phase',
      text: [
        'A good teacher doesn’t just say “bad dish”; they say which seasoning was to blame, and how much.',
        'The backward phase (backpropagation) sends the loss back through the network and gives every weight a gradient: how much the loss would change if that weight grew a little. The lines now show gradients; the thickest carry the most blame.',
      ],
      tasks: ['Press Phase (P) until Backward is done (three presses from the start), then find the thickest lines in the diagram.'],
      done: 'Good: the cook has been told. Each gradient says which way to turn its seasoning and how hard; the largest sit where the blame is. Nothing has changed yet: that is the next phase.',
    },
    {
      title: 'Adjusting the seasonings: the update phase',
      text: [
        'Now the cook corrects every seasoning a little, in the direction that lowers the blame.',
        'In the update phase each weight moves by learning rate × gradient (plain SGD; Momentum and Adam have rules of their own). Too bold a learning rate overshoots: the loss jumps up instead of down, and can even blow up to NaN, “not a number”.',
      ],
      tasks: [
        'Press Phase (P) until Update is done: the lines now show each weight’s last change.',
        'Now type 10 into “Learning rate”, press Enter, then press Play and watch the train loss.',
      ],
      status: 'Train loss: {loss}',
      done: 'There it is: too bold! With learning rate {lr} the train loss went from {before} to {after}: every step overshoots. Set the learning rate back to 0.3 to calm the cook down.',
      doneNaN: 'There it is: too bold! With learning rate {lr} the loss is not even a number any more: the seasonings have exploded, and the page will not save such a model. Click scene 9 above to start it again.',
    },
    {
      title: 'Practice rounds: epochs',
      text: [
        'One dish teaches little; a cook gets good through round after round of practice.',
        'A step trains on one batch (here 10 points); an epoch is one pass over all the training points (here 25 steps). After each epoch the loss chart gains a point, and the curve should go down.',
      ],
      tasks: ['Press Epoch (E) three times and look at the loss curve after each round.'],
      status: 'Epoch {epoch} · train loss {loss}',
      done: 'Well done! Three rounds, and the train loss fell from {first} to {loss}. Press Play to keep practising and watch the curve flatten out.',
    },
    {
      title: 'The teacher’s verdict: test data',
      text: [
        'A cook who tastes only their own practice dishes can fool themselves; the teacher tastes dishes the cook has never practised.',
        'Those are the test data, points held back from training (here half of them). The loss chart shows two curves, train and test, and only the test curve tells how the cook will do with new ingredients.',
      ],
      tasks: ['Tick “Show test data” to see the held-back points if you like, then press Play and let the cook practise for 20 epochs.'],
      status: 'Epoch {epoch} · train {trainAcc} · test {testAcc}',
      done: 'Well done! After {epoch} epochs: {trainAcc} right on the practice dishes, {testAcc} on the teacher’s. The test figure is the honest one: those dishes were new to the cook.',
    },
    {
      title: 'More is not always better',
      text: [
        'Give a large kitchen brigade only a few noisy dishes to practise and it memorises those plates instead of learning to cook.',
        'Here a big network (two layers of 32 neurons, every input feature) trains on 30 noisy points: the train loss keeps falling, but the test loss bottoms out early and then climbs. That is over-fitting. Early stopping means keeping the cook of the epoch where the test loss was lowest; L2 regularisation keeps the weights small, so memorising gets harder.',
      ],
      tasks: [
        'Press Play and watch the test curve: where is its lowest point? The lesson stops the cook at epoch 150.',
        'Now choose L2 under “Regularization” (its rate is already 0.03), press Reset, then Play to epoch 150 again.',
      ],
      status: 'Epoch {epoch} · test loss {test} · lowest so far {best} at epoch {bestEpoch}',
      done: 'Well done! Without L2 the test loss was lowest at epoch {bestEpoch} ({best}) — early stopping would have kept that cook — and ended at {endPlain}. With L2 it ended at {endL2}. A cook kept modest does better on new dishes.',
    },
    {
      title: 'Attention: which earlier characters the cook looks at',
      text: [
        'A GPT cook, before choosing the next character, looks back at the characters before it and weighs how much each one matters: that is attention. It looks in several ways at once (its heads), in each of its layers.',
        'The maps under the pantry show it, one per head of each layer: a row is the character looking, a column one it looks at, darker is more. Untrained, every character spreads its attention evenly; with practice some heads learn to look at the character just before, others at the start.',
      ],
      tasks: [
        'Press Play (or Space) and watch the maps sharpen; the lesson stops the cook after one round of practice.',
        'Type the beginning of a name of your own in the chat box (say “anna”): the maps and the bars read your text. Click a cell to read it in words.',
      ],
      status: 'Round {epoch} · test loss {loss}',
      done: 'Well done! One round took the test loss from {first} to {loss}, and the maps now have dark cells where attention gathers. Where do the characters of “{order}” look? Click the cells; the tall bars show which characters still surprise the cook.',
    },
  ],
};

const ZH = {
  ui: {
    lesson: '课程：用做菜讲训练',
    sceneOf: '第 {k} 幕，共 {n} 幕',
    scenes: '各幕',
    goTo: '第 {k} 幕：{title}',
    tryThis: '动手试试',
    taskDone: '完成',
    back: '上一幕',
    next: '下一幕',
    finish: '完成课程',
    leave: '退出课程',
    leaveHint: '退出后网络保持原样，你可以接着随意摆弄。',
    fold: '收起讲解，只留要做的事',
    unfold: '展开整幕内容',
    settingUp: '正在布置厨房……',
    setupFailed: '这一幕没能布置好：{message}',
    drift: '你改动了厨房（{fields}）：要把这一幕恢复原样吗？',
    listJoin: '、',
    putBack: '恢复原样',
    keepMine: '保留我的',
  },
  scenes: [
    {
      title: '模型是个黑箱：你点菜，它上菜',
      text: [
        '把语言模型想成关在厨房门后的一位厨师。你从窗口点菜，这个窗口就是聊天框：输入一个名字的开头，厨师把剩下的端出来。从外面只看得到进去什么、出来什么，这就是“黑箱”的全部意思。',
        '这位厨师从没练习过，所以端出来的是一堆乱码。练习改变的只是厨房里的一些数字。聊天框周围的面板其实已经露出了厨房（这个页面的门是虚掩着的），不过现在只看聊天框就好：下一幕再把门完全打开。',
      ],
      tasks: [
        '在聊天框里输入一个名字的开头（比如 “ma”），读一读没训练过的厨师端出了什么。（已经练过了？点“重置”。）',
        '然后点“开始”（或按空格键），看着厨师练习时回答怎样变化；练完一轮，课程会让它停下。',
      ],
      status: '已练习 {step} 步 · 测试损失 {loss}',
      done: '做得好！没训练时，你点“{order}”，厨师端出的是“{order}{before}”。练了一轮，测试损失从 {first} 降到 {loss}：现在读读它的回答，已经像个名字了。变的只是厨房里的数字；下一幕就把门打开。',
    },
    {
      title: '打开门：换成平面上的点，道理一样',
      text: [
        '现在厨房的门打开了，里面是一位小到能看清全貌的厨师。它接到的“菜单”是一个点的两个坐标（x₁、x₂），端出的菜是网络在那个位置预测的颜色，圆点是标准答案。',
        '里面的一切都看得见：神经元、它们之间的连线、连线上的数字。没训练时颜色乱成一团，就像聊天框里的厨师满口乱码。',
      ],
      tasks: ['点“开始”（或按空格键），让厨师练习，直到背景颜色和圆点对上（答对 90%）。'],
      status: '目前答对：{acc}',
      done: '做得好！厨师现在能答对 {acc} 的练习菜。和聊天框里一样，变的只是数字；下一幕看看是哪些数字。',
    },
    {
      title: '参数就是调料',
      text: [
        '厨师学到的一切，归根到底是每样调料放多少。',
        '这些用量就是参数：网络图里每条连线是一个权重（蓝正橙负，越粗越大），每个神经元还有一个偏置，图像网络里还有小小的卷积核。训练做的只是拧这些旋钮；这位厨师已经练过一会儿，现在你亲手拧一个。',
      ],
      tasks: ['点网络图里的一条连线，在“新数值”里填一个数，比如 5 或 −5，再点“设置”，看菜品的颜色怎么变。'],
      done: '漂亮！只动了一样调料，整道菜的味道就变了。训练做的正是这件事：把每个权重都这样调上成千上万次。',
    },
    {
      title: '调料柜：每个字一罐调料',
      text: [
        '回到聊天的厨师。用到一个字之前，它先从柜子里取下这个字的调料罐：一行 10 个数，也就是它的嵌入（embedding）。所有的罐子合起来就是嵌入矩阵，每个字一行；它们和别的调料一样：训练会调整它们，你也可以。',
        '调料柜把这个矩阵画成一张表和一张字的分布图。厨师练习时，用法相近的字会慢慢靠在一起，于是元音字母渐渐和辅音字母分开。',
      ],
      tasks: [
        '点“开始”（或按空格键），看调料柜里的分布图；练完两轮，课程会让厨师停下。',
        '在表中或图上点“a”，在它的某个数里填一个新值，比如 3，再按回车。',
      ],
      status: '第 {epoch} 轮 · 测试损失 {loss}',
      done: '做得好！“a”的罐子里只改了一个数，厨师在“a”之后端出的东西就全跟着变了：看看聊天框里它对 “ma” 之后的猜测。训练做的，就是每一步把每个罐子里的每个数都调一点点。',
    },
    {
      title: '第一次尝试：每样调料 1 克',
      text: [
        '新手可能把每样调料都放正好 1 克，这就是常数初始化（初始化选“全部为 1”）。',
        '这样每个隐藏神经元起点相同、收到的修正也相同，于是永远一模一样，网络图会标出“神经元完全相同”。随机起步（Xavier、He）让每个神经元各不相同，才能各学各的。',
      ],
      tasks: [
        '点“开始”（或按空格键），让厨师练 10 轮：隐藏神经元的小图始终一模一样。',
        '然后在“初始调料（初始化）”里选 Xavier 或 He，再点“开始”练 10 轮。',
      ],
      status: '第 {epoch} 轮 · 答对 {acc}',
      done: '做得好！每样 1 克的厨师练了 10 轮只答对 {accOnes}；随机起步的答对 {accRandom}。打破了对称，每个神经元才找得到自己的分工。',
    },
    {
      title: '做菜：前向阶段',
      text: [
        '每一步练习都从做菜开始：一小把食材在厨房里一站一站往下传。',
        '在前向阶段，一批点逐层流过网络：每个神经元把输入乘上各自的权重、连同偏置加起来，再经过激活函数（这里是 tanh）。网络图上显示的是这一批第一个点的数值。',
      ],
      tasks: ['按一次“下一阶段”（P），顺着数字从输入经过隐藏层一直看到输出。'],
      done: '菜做好了！神经元上的每个数字，都是这一站对这个点做出的结果：先是输入，再是隐藏神经元，最后是答案。到现在还没品尝，也没改任何调料。',
    },
    {
      title: '品尝：损失阶段',
      text: [
        '菜做好了要尝一尝：这道菜离我们想要的还差多远？',
        '损失阶段用一个数字来回答，也就是这一批的平均损失。交叉熵看预测的概率，对“很有把握却答错”罚得特别重；最小二乘看的是与正确答案之差的平方。',
      ],
      tasks: [
        '按两次“下一阶段”（P），先做菜再品尝：尝出的结果就是计数器里的“最近一次品尝”。',
        '接着在“损失（品尝）”里选“最小二乘”，再按两次“下一阶段”。',
      ],
      done: '尝得好！同一道菜，两位评委：在全部练习点上（“训练损失”），交叉熵给出 {ce}，最小二乘给出 {mse}。两者的尺度不同，要紧的是厨师进步时它们都会下降。',
    },
    {
      title: '告诉厨师哪里不对：反向阶段',
      text: [
        '好老师不会只说一句“这菜不行”，还会指出该怪哪样调料、怪多少。',
        '反向阶段（反向传播）把损失沿网络往回传，给每个权重算出一个梯度：这个权重稍大一点，损失会变多少。现在连线显示的是梯度，最粗的几条责任最大。',
      ],
      tasks: ['一直按“下一阶段”（P），直到“反向”完成（从头算要按三次），然后找找网络图里最粗的连线。'],
      done: '很好，厨师已经知道哪里不对了。每个梯度都说明这样调料该往哪边调、调多少，梯度最大的地方就是责任最大的地方。不过调料还没动，那是下一个阶段的事。',
    },
    {
      title: '调整调料：更新阶段',
      text: [
        '现在厨师按老师指出的毛病，把每样调料都往回调一点点。',
        '在更新阶段，每个权重移动“学习率 × 梯度”（这是最朴素的 SGD；Momentum、Adam 各有自己的规则）。学习率太大就会调过头：损失不降反升，甚至变成 NaN（“不是数字”）。',
      ],
      tasks: [
        '一直按“下一阶段”（P），直到“更新”完成：连线现在显示每个权重上一次的变化。',
        '然后在“学习率”里填 10，按回车，再点“开始”，盯着训练损失看。',
      ],
      status: '训练损失：{loss}',
      done: '看到了吧：下手太重了！学习率为 {lr} 时，训练损失从 {before} 变成了 {after}：每一步都调过了头。把学习率改回 0.3，厨师就能冷静下来。',
      doneNaN: '看到了吧：下手太重了！学习率为 {lr} 时，损失连数字都不是了：调料已经“炸了”，页面也不会保存这样的模型。点上方的 9 就能重新开始这一幕。',
    },
    {
      title: '反复练习：轮次（epoch）',
      text: [
        '做一道菜学不到多少，厨师要一轮又一轮地练才会熟练。',
        '一步只用一批数据训练（这里是 10 个点）；一轮（epoch）是把全部训练点过一遍（这里是 25 步）。每练完一轮，损失图就多一个点，曲线应该往下走。',
      ],
      tasks: ['按三次“一轮”（E），每次之后看看损失曲线。'],
      status: '第 {epoch} 轮 · 训练损失 {loss}',
      done: '做得好！练了三轮，训练损失从 {first} 降到了 {loss}。点“开始”接着练，看曲线怎样慢慢变平。',
    },
    {
      title: '老师的评判：测试数据',
      text: [
        '只尝自己练习的菜，厨师很容易自我感觉良好；老师尝的，是厨师从没练过的菜。',
        '这就是测试数据：训练时特意留出来的点（这里占一半）。损失图上有训练和测试两条曲线，只有测试曲线能说明厨师遇到新食材时做得怎样。',
      ],
      tasks: ['想看留出来的点，可以勾选“显示测试数据”；然后点“开始”，让厨师练 20 轮。'],
      status: '第 {epoch} 轮 · 训练 {trainAcc} · 测试 {testAcc}',
      done: '做得好！练了 {epoch} 轮：练习过的菜答对 {trainAcc}，老师出的菜答对 {testAcc}。测试的成绩才是实话，因为那些菜厨师从没见过。',
    },
    {
      title: '多不一定好',
      text: [
        '让一大队厨师只练几道带噪声的菜，他们会把这几盘菜背下来，而不是学会做菜。',
        '这里一个大网络（两层各 32 个神经元，用上所有输入特征）只在 30 个带噪声的点上训练：训练损失一路下降，测试损失却早早见底，然后往上爬。这就是过拟合：早停会留下测试损失最低时的厨师，L2 正则化则让权重保持小一些，死记硬背就难了。',
      ],
      tasks: [
        '点“开始”，盯住测试曲线：它的最低点在哪里？课程会在第 150 轮让厨师停下。',
        '然后在“正则化”里选 L2（强度已经设成 0.03），点“重置”，再点“开始”练到第 150 轮。',
      ],
      status: '第 {epoch} 轮 · 测试损失 {test} · 目前最低 {best}（第 {bestEpoch} 轮）',
      done: '做得好！不加 L2 时，测试损失在第 {bestEpoch} 轮最低（{best}），早停就会留下那一轮的厨师；到最后它升到了 {endPlain}。加上 L2，最后是 {endL2}。克制一点的厨师，遇到新菜反而做得更好。',
    },
    {
      title: '注意力：厨师回看前面哪些字',
      text: [
        'GPT 厨师在选下一个字之前，会回看前面的字，掂量每个字有多重要：这就是注意力。它在每一层里同时用好几种方式去看（它的“头”）。',
        '调料柜下面的图把它画了出来，每层的每个头一张：一行是正在看的字，一列是被看的字，颜色越深看得越多。没练过时，每个字把注意力平均分开；练过以后，有的头学会看紧挨着的前一个字，有的看开头。',
      ],
      tasks: [
        '按“开始”（或空格键），看着这些图变得集中；练完一轮后课程会让厨师停下。',
        '在聊天框里输入你自己想的名字开头（比如“anna”）：图和柱子都会读你的文字。点击一个格子，用文字读出它。',
      ],
      status: '第 {epoch} 轮 · 测试损失 {loss}',
      done: '做得好！练了一轮，测试损失从 {first} 降到 {loss}，图上注意力聚集的地方出现了深色格子。“{order}”里的字都看向哪里？点点格子看；高高的柱子说明哪些字还让厨师意外。',
    },
  ],
};

export const LESSON_TEXT = { en: EN, zh: ZH };

// The texts of one language (English for any other), with {name} filled from `vars`.
export function lessonText(lang) {
  const text = LESSON_TEXT[lang] ?? EN;
  // Chinese writes a percentage without the space English puts before the sign (95%, 95 %).
  const value = (v) => (lang === 'zh' ? String(v).replace(/(\d) %/g, '$1%') : String(v));
  const fill = (template, vars = {}) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? value(vars[name]) : whole));
  return { ...text, fill };
}
