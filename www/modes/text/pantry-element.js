// The pantry's (and the reading views') one way to make an element: a tag with its class and test id (either optional).

export function element(doc, tag, className = '', testid = '') {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (testid) node.dataset.testid = testid;
  return node;
}
