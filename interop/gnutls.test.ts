import { describeProducer } from './testing/producer-suite.js';

// certtool uses 600,000 iterations (~4 s per file here): a subset; docs/interop.md covers all.
describeProducer('gnutls', { variants: ['default', 'null-password', 'chain'] });
