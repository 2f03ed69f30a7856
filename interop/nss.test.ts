import { describeProducer } from './test-support/producer-suite.js';

const BER = 'reference/pkcs12 rejects BER indefinite-length encodings, which NSS writes (PKCS12_MALFORMED "indefinite length")';

describeProducer('nss', { knownGaps: { default: BER, ec: BER, legacy: BER, 'certs-unencrypted': BER } });
