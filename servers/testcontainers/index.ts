export { TestcontainersBackend } from './testcontainers-backend.js';
export { dockerAvailable, type DockerAvailability } from './docker-availability.js';
export { defaultNginxImage, ImageBuildError } from './nginx-image.js';
