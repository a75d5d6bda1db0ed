/** Node-only additions: `import { FileStorage } from '@icebreaker/sdk/node'`. */
export { FileStorage } from './storage/file.js';
