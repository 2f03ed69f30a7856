/**
 * Test helper process: starts a local Appium server, prints its PID as JSON, then waits to
 * be signalled. Used to prove no Appium process outlives a SIGTERM'd / SIGINT'd parent.
 */
import { LocalAppiumServer } from '../appium-server/index.js';

const logFile = process.argv[2];
const server = new LocalAppiumServer();
if (logFile) server.withLogFile(logFile);
const started = await server.start();
process.stdout.write(`${JSON.stringify({ pid: started.pid, appiumHome: started.appiumHome })}\n`);
setInterval(() => {}, 60_000);
