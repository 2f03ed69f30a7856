import { describeProducer } from './test-support/producer-suite.js';

describeProducer('node-forge');
