/** terminateApp / activateApp / queryAppState for the one app the reference device has. */
import { errors } from '@appium/base-driver';
import { AppState, type AppStateValue, type ReferenceDevice } from '../reference-device.js';

function isOurApp(device: ReferenceDevice, appId: unknown): boolean {
  return typeof appId === 'string' && appId === device.appId;
}

export async function terminateApp(device: ReferenceDevice, appId: unknown): Promise<boolean> {
  if (!isOurApp(device, appId)) return false;
  return device.terminate();
}

export async function activateApp(device: ReferenceDevice, appId: unknown): Promise<void> {
  if (!isOurApp(device, appId)) {
    throw new errors.InvalidArgumentError(`app "${String(appId)}" is not installed; the reference device has "${device.appId}"`);
  }
  await device.launch();
}

export function queryAppState(device: ReferenceDevice, appId: unknown): AppStateValue {
  return isOurApp(device, appId) ? device.state : AppState.notInstalled;
}
