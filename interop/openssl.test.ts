import { describeProducer } from './testing/producer-suite.js';

describeProducer('openssl');
