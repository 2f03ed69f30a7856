import { describeProducer } from './testing/producer-suite.js';

// keytool is a JVM start per call: split in two files to keep each fast.
describeProducer('keytool', { variants: ['rsa', 'ec', 'three-aliases'] });
