import { request } from 'node:http';

export type DockerAvailability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** The unix socket testcontainers will use (DOCKER_HOST=unix://... or the default). */
export function dockerSocketPath(): string | undefined {
  const host = process.env.DOCKER_HOST;
  if (!host) return '/var/run/docker.sock';
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/** Asks the daemon for /_ping; never starts or pulls anything. */
export function dockerAvailable(timeoutMs = 1500): Promise<DockerAvailability> {
  const socketPath = dockerSocketPath();
  if (!socketPath) return Promise.resolve({ available: false, reason: `DOCKER_HOST ${process.env.DOCKER_HOST} is not a unix socket` });
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200
        ? { available: true }
        : { available: false, reason: `docker daemon answered ${res.statusCode} to /_ping` });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ available: false, reason: `no docker daemon at ${socketPath} (${error.message})` }));
    req.end();
  });
}
