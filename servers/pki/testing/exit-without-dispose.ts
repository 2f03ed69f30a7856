// Test fixture: creates a PKI, prints its folder and exits without dispose().
import { createTestPki } from '../create-test-pki.js';

createTestPki()
  .then((pki) => {
    process.stdout.write(`${pki.dir}\n`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
