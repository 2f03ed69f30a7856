/** A requirement of the client-certificate API: one behaviour, one stable ID. Data only. */
export type RequirementPlatform = 'android' | 'ios';

/** Where a requirement comes from: the user's API page (seed) or docs/platform-facts.md. */
export type RequirementSource =
  | { readonly kind: 'seed'; readonly text: string }
  | { readonly kind: 'platform-facts'; readonly section: string; readonly text: string };

/** Who is judged: the client under test (most), or the servers that judge it. */
export type RequirementSubject = 'client' | 'server';

export type RequirementArea =
  | 'loading'
  | 'presentation'
  | 'replacement'
  | 'identity-selection'
  | 'errors'
  | 'http-request'
  | 'service-invoker'
  | 'server-judgement';

/**
 * Where a requirement comes from, which decides how a failure counts:
 * - documented: the Volt MX documentation (the API page, the API guide);
 * - platform: the platform's own stack (Conscrypt on Android, Apple's Security framework and
 *   URLSession on iOS, nginx for the servers), cited in docs/platform-facts.md;
 * - practice: what today's servers need although the documentation is silent (TLS 1.3,
 *   intermediates, OpenSSL 3 files);
 * - decision: the reference's choice on a point the sources leave open. A runtime that differs
 *   there is not wrong: its result is `differs`, not `fail`, unless the run is `--strict`.
 */
export type RequirementLevel = 'documented' | 'platform' | 'practice' | 'decision';

export const REQUIREMENT_LEVELS: readonly RequirementLevel[] = ['documented', 'platform', 'practice', 'decision'];

/** The sources do not settle the point; the reference decides it and the specs test the decision. */
export interface OpenQuestion {
  readonly question: string;
  readonly decision: string;
}

export interface Requirement {
  /** Stable ID, CA-UPPER-KEBAB. Never reuse or rename an ID: expectation files refer to it. */
  readonly id: string;
  readonly area: RequirementArea;
  readonly subject: RequirementSubject;
  /** One sentence: what conforming behaviour looks like. */
  readonly summary: string;
  readonly platforms: readonly RequirementPlatform[];
  /** Exact text from the sources (whitespace and markdown markup aside). */
  readonly sources: readonly RequirementSource[];
  readonly level: RequirementLevel;
  /** level practice: why today's servers need it although the documentation is silent. */
  readonly practice?: string;
  /**
   * The point the sources leave open and the reference's decision on it: required for level
   * decision; on other levels it records a detail the tests do not judge, or how the reference
   * reads the sources.
   */
  readonly open?: OpenQuestion;
  /**
   * What a runtime must do for the tests to show the behaviour at all (e.g. keep connections
   * alive); where it does not, the tests skip, and that skip is expected.
   */
  readonly precondition?: string;
  /**
   * Platform versions where it holds (same comparisons as an expectation's `when`); on a device
   * whose known version is outside, the requirement does not apply and its tests skip.
   */
  readonly platformVersion?: Partial<Readonly<Record<RequirementPlatform, string>>>;
  /** Files that check it: spec files (specs/*.spec.ts), or server tests for server requirements. */
  readonly checkedBy: readonly string[];
  /**
   * Requirements this one builds on: its tests cannot pass where one of those fails (same
   * device). A failure here is then reported as `blocked` by them, not as a defect of its own.
   */
  readonly buildsOn?: readonly string[];
}
