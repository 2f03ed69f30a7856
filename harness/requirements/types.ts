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
  readonly open?: OpenQuestion;
  /** Files that check it: spec files (specs/*.spec.ts), or server tests for server requirements. */
  readonly checkedBy: readonly string[];
  /**
   * Requirements this one builds on: its tests cannot pass where one of those fails (same
   * device). A failure here is then reported as `blocked` by them, not as a defect of its own.
   */
  readonly buildsOn?: readonly string[];
}
