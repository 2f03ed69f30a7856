import { ServersError } from '../../../support/errors/index.js';

/**
 * Typed errors of the persistent test PKI; each has a stable `code` and says the fix (the
 * command to run) in `fix` and in its message.
 */
export abstract class PersistentPkiError extends ServersError {
  constructor(readonly dir: string, message: string, readonly fix: string) {
    super(`${message}; fix: ${fix}`);
  }
}

const initCommand = (dir: string): string => `npx voltmx-conformance pki init --dir ${JSON.stringify(dir)}`;
const renewFix = (dir: string): string =>
  `move ${JSON.stringify(dir)} away, run ${initCommand(dir)}, then pki export and rebuild the app (it must trust the new server CA)`;

export class PersistentPkiMissingError extends PersistentPkiError {
  readonly code = 'PKI_NOT_INITIALIZED';
  constructor(dir: string) {
    super(dir, `no persistent test PKI in ${dir}`, initCommand(dir));
    this.name = 'PersistentPkiMissingError';
  }
}

export class PersistentPkiIncompleteError extends PersistentPkiError {
  readonly code = 'PKI_INCOMPLETE';
  constructor(dir: string, readonly problems: readonly string[]) {
    super(dir, `the persistent test PKI in ${dir} is incomplete or damaged (${problems.join('; ')})`, renewFix(dir));
    this.name = 'PersistentPkiIncompleteError';
  }
}

/** The bundled set's password and folder, when they are among the paths. */
function othersOf(dir: string, paths: readonly string[]): string {
  const others = paths.filter((p) => p !== dir && !p.endsWith('.key'));
  return others.length ? ` && chmod -R go-rwx ${others.map((p) => JSON.stringify(p)).join(' ')}` : '';
}

export class PersistentPkiInsecureError extends PersistentPkiError {
  readonly code = 'PKI_INSECURE';
  constructor(dir: string, readonly paths: readonly string[]) {
    super(
      dir,
      `the persistent test PKI in ${dir} is readable by others (${paths.join(', ')})`,
      `chmod 700 ${JSON.stringify(dir)} && chmod 600 ${JSON.stringify(dir)}/*.key${othersOf(dir, paths)}`,
    );
    this.name = 'PersistentPkiInsecureError';
  }
}

/** Expired, or expiring within the margin the run needs. */
export class PersistentPkiExpiringError extends PersistentPkiError {
  readonly code = 'PKI_EXPIRING';
  constructor(dir: string, readonly notAfter: Date, readonly daysLeft: number) {
    super(
      dir,
      daysLeft <= 0
        ? `the persistent test PKI in ${dir} expired on ${notAfter.toISOString()}`
        : `the persistent test PKI in ${dir} expires on ${notAfter.toISOString()} (${daysLeft} days left)`,
      renewFix(dir),
    );
    this.name = 'PersistentPkiExpiringError';
  }
}

/** The folder would be inside the project's repository, where a commit could take its keys. */
export class PkiFolderInRepositoryError extends PersistentPkiError {
  readonly code = 'PKI_IN_REPOSITORY';
  constructor(dir: string, repository: string) {
    super(
      dir,
      `the persistent test PKI folder ${dir} is inside the repository ${repository}`,
      'choose a folder outside it with --dir or VOLTMX_PKI_DIR (default: the user data folder)',
    );
    this.name = 'PkiFolderInRepositoryError';
  }
}

/** `pki export --format bundle` on a PKI without a usable bundled set (made before it, or damaged). */
export class PersistentPkiNoBundledSetError extends PersistentPkiError {
  readonly code = 'PKI_NO_BUNDLED_SET';
  constructor(dir: string, detail: string, fix: string) {
    super(dir, `the persistent test PKI in ${dir} has no usable bundled set: ${detail}`, fix);
    this.name = 'PersistentPkiNoBundledSetError';
  }
}
