export { NginxBackend } from './nginx-backend.js';
export { nginxConfig, type NginxLayout, type NginxServer } from './nginx-config.js';
