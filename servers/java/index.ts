export { startJavaJudge, StartedJavaJudge, type JavaJudgeOptions } from './java-judge.js';
export { JAVA_SCENARIOS, javaScenarioIds, type JavaScenario, type JavaSignatureSchemes } from './java-scenarios.js';
export { compileJava, findJava, findJavaSync, requireJava, JavaCompileError, JavaUnavailableError, QUICK_JVM_FLAGS, type JavaAvailability, type JavaTools } from './java-tools.js';
export { withJavaJudge, type JavaJudgeStatus } from './with-java-judge.js';
