// The package's <neural-kitchen> element: importing this module (one script tag, from any
// origin) defines it. Every asset (the wasm, the styles, the workers, the data) is found
// relative to these files' own URL.

export { NeuralKitchenElement } from './www/embed/neural-kitchen.js';
