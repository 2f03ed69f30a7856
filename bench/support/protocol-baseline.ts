/**
 * Today's figures: the device protocol before the lean contract (15 widgets, a session per
 * spec file per device), from the appium.log of `npm start` (reference-android +
 * reference-ios, embedded servers) at commit 509a51e. The whole-run times are the
 * coordinator's, on an idle machine. Section 7 prints the current figures next to these.
 */
export const TODAY = {
  commit: '509a51e',
  perDevice: {
    'reference-android': { requests: 4542, sessions: 15 },
    'reference-ios': { requests: 3426, sessions: 15 },
  } as Readonly<Record<string, { readonly requests: number; readonly sessions: number }>>,
  wholeRunMs: 55_000,
  specsMs: 50_800,
} as const;

/** The goals for a whole run of the suite, per device. */
export const GOALS = { maxRequestsPerDevice: 600, sessionsPerDevice: 1, maxWallRatio: 0.5 } as const;

/**
 * Projection defaults: a UiAutomator2 / XCUITest request costs 100-200 ms on an emulator or
 * simulator (the accessibility layer), a new session several seconds (app launch, often install).
 */
export const DEFAULT_LATENCY_MS = 150;
export const DEFAULT_SESSION_MS = 8_000;

/** What a device run would cost on an emulator: every request at the latency, every session start. */
export function projectedMs(figures: { requests: number; sessions: number }, latencyMs: number, sessionMs: number): number {
  return figures.requests * latencyMs + figures.sessions * sessionMs;
}
