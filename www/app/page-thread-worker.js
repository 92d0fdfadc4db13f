// The trainer on the page's own thread, for a page that may start no worker of the app's (a
// package loaded from another origin, under a Content Security Policy without `worker-src
// blob:`): the same service as the trainer worker (core/trainer-service.js) behind one end of a
// MessageChannel, so TrainerLink speaks to it as to a worker. Runs train in the trainer host's
// chunks of a few milliseconds, each its own task, so the page keeps drawing and answering.

export class PageThreadWorker {
  static async start() {
    const { serveTrainer } = await import('../core/trainer-service.js');
    const { port1, port2 } = new MessageChannel();
    return new PageThreadWorker(port1, port2, serveTrainer(port2));
  }

  constructor(port, servedPort, stop) {
    this.port = port;
    this.servedPort = servedPort;
    this.stop = stop;
    this.onerror = null; // never called: a failure answers the request that caused it
  }

  set onmessage(listener) {
    this.port.onmessage = listener;
  }

  postMessage(message, transfer = []) {
    this.port.postMessage(message, transfer);
  }

  terminate() {
    this.stop();
    this.port.close();
    this.servedPort.close();
  }
}
