/** Where the outside tools are. */
export {
  findNginx, findEchoModule, nginxBinary, NGINX_ENV, NGINX_MODULES_ENV, NGINX_INSTALL, NGINX_CANDIDATES, NGINX_MODULE_DIRS, ECHO_MODULE_FILE,
  type FoundFile,
} from './nginx.js';
export { findJsc, JSC_ENV, JSC_CANDIDATES, JSC_INSTALL } from './jsc.js';
