import { describeProducer } from './testing/producer-suite.js';

describeProducer('keytool', { variants: ['import-openssl', 'import-two', 'legacy', 'no-cert-encryption-no-mac'] });
