// The package's mount(element, options): one app in a shadow root inside `element`, resolving
// to its handle. Importing it defines no element (import the package's ./element for that).

export { mount } from './www/embed/mount.js';
