import { DevicesError } from '../../support/errors/index.js';

/** Errors of the Selenium Grid a run or test starts; each with a stable code. */
export class SeleniumGridError extends DevicesError {
  readonly code: string = 'SELENIUM_GRID';
  constructor(message = 'Selenium Grid error') {
    super(message);
    this.name = 'SeleniumGridError';
  }
}

/** No `java` to run the Selenium server jar. */
export class GridJavaMissingError extends SeleniumGridError {
  override readonly code = 'GRID_JAVA_MISSING';
  constructor(message = 'no java on PATH (Debian: apt-get install default-jre-headless)') {
    super(message);
    this.name = 'GridJavaMissingError';
  }
}

/** The hub or a node exited or did not become ready in time. */
export class GridStartError extends SeleniumGridError {
  override readonly code = 'GRID_START';
  constructor(message = 'the Selenium Grid did not start') {
    super(message);
    this.name = 'GridStartError';
  }
}
