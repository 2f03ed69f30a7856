/** Page source as XML shaped like UiAutomator2's (Android) or XCUITest's (iOS) hierarchy. */
import { SCREEN, type ElementKind } from '../app-host/widgets.js';
import { readText } from './elements.js';
import type { ReferenceDevice } from '../reference-device.js';

const ANDROID_CLASS: Record<ElementKind, string> = {
  input: 'android.widget.EditText',
  button: 'android.widget.Button',
  text: 'android.widget.TextView',
};
const IOS_TYPE: Record<ElementKind, string> = {
  input: 'XCUIElementTypeTextField',
  button: 'XCUIElementTypeButton',
  text: 'XCUIElementTypeStaticText',
};

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

export function pageSource(device: ReferenceDevice): string {
  const launch = device.onScreen;
  const header = '<?xml version="1.0" encoding="UTF-8"?>';
  const android = device.platform === 'android';
  if (!launch) {
    // Nothing of the form is on screen while the app is not running or shows its splash form.
    return android ? `${header}\n<hierarchy rotation="0"/>` : `${header}\n<AppiumAUT/>`;
  }
  const lines = SCREEN.map((element) => {
    // The command's passwords are hidden as getText hides them; no field of the screen is a password field.
    const isPassword = false;
    const text = escapeXml(readText(device, launch, element.id));
    const id = escapeXml(element.id);
    return android
      ? `    <${ANDROID_CLASS[element.kind]} content-desc="${id}" text="${text}" package="${escapeXml(device.appId)}" clickable="${element.kind === 'button'}" password="${isPassword}" displayed="true" enabled="true"/>`
      : `      <${IOS_TYPE[element.kind]} name="${id}" label="${escapeXml(element.label)}" value="${text}" type="${IOS_TYPE[element.kind]}" visible="true" enabled="true"/>`;
  });
  return android
    ? [header, '<hierarchy rotation="0">', `  <android.widget.FrameLayout package="${escapeXml(device.appId)}">`, ...lines, '  </android.widget.FrameLayout>', '</hierarchy>'].join('\n')
    : [header, '<AppiumAUT>', `  <XCUIElementTypeApplication name="${escapeXml(device.appId)}" type="XCUIElementTypeApplication">`, '    <XCUIElementTypeWindow type="XCUIElementTypeWindow">', ...lines, '    </XCUIElementTypeWindow>', '  </XCUIElementTypeApplication>', '</AppiumAUT>'].join('\n');
}
