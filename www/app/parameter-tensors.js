// The running cook's parameters tensor by tensor, for a script (the handle's weights(), the
// Jupyter widget): each named tensor of network().tensors with its values from the model file and
// the shape a framework would give it — a dense layer's weights (outputs, inputs), a convolution's
// kernels (out channels, in channels, k, k), an embedding table (rows, width), a bias, gain or
// shift vector (length,).

// A vector's role: any kind of biases (a dense layer's, attention's, a recurrent cell's...), a
// layer norm's gain or shift.
const VECTOR_ROLE = /^(gain|shift|biases|\w+Biases)$/;

function shapeOf(tensor, layer) {
  if (VECTOR_ROLE.test(tensor.role)) return [tensor.length];
  if (layer?.kind === 'conv2d' && tensor.role === 'weights') return [tensor.rows, layer.inputs, layer.kernel, layer.kernel];
  return [tensor.rows, tensor.cols];
}

// session: the app's TrainerSession → Promise<[{ name, shape, values: Float32Array }]> (a copy;
// the core refuses a diverged cook's model file, and this rejects with its message).
export async function parameterTensors(session) {
  const { trainer } = session;
  const network = trainer.network();
  const params = Float32Array.from(JSON.parse(await trainer.toJSON()).params);
  return network.tensors.map((tensor) => ({
    name: tensor.name,
    shape: shapeOf(tensor, network.layers[tensor.layer]),
    values: params.slice(tensor.offset, tensor.offset + tensor.length),
  }));
}
