export { EmbeddedBackend } from './embedded-backend.js';
export { rfc2253 } from '../wire/distinguished-name.js';
