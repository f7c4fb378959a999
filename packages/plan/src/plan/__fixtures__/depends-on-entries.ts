/**
 * `dependsOn` entries of `@org/billing:test`, with whether each makes it depend on
 * `@org/billing:verify-plan`: read by the unit tests of dependsOnOwnTarget, and checked against
 * Nx's own task graph by the audit generator's tests.
 */
import type { DependsOnEntry, ProjectIdentity } from '../depends-on';

export const BILLING: ProjectIdentity = {
  name: '@org/billing',
  root: 'packages/billing',
  tags: ['plan:required', 'scope:billing'],
};

export const PROJECTS: readonly ProjectIdentity[] = [
  BILLING,
  { name: 'shipping', root: 'packages/shipping', tags: ['scope:shipping'] },
  { name: 'billing-e2e', root: 'apps/billing-e2e', tags: [] },
];

/** Entries that make the task depend on the project's own verify-plan. */
export const DEPENDS_ON_OWN: ReadonlyArray<[string, DependsOnEntry]> = [
  ['the target name', 'verify-plan'],
  ['the project and the target', '@org/billing:verify-plan'],
  ['a target pattern that matches', 'verify-*'],
  ['an object with the target only', { target: 'verify-plan' }],
  ['an object with params', { target: 'verify-plan', params: 'forward' }],
  [
    'an object whose dependencies is false',
    { target: 'verify-plan', dependencies: false },
  ],
  ['the legacy "self"', { target: 'verify-plan', projects: 'self' }],
  [
    'the project by name',
    { target: 'verify-plan', projects: ['@org/billing'] },
  ],
  [
    'the project by name, as a string',
    { target: 'verify-plan', projects: '@org/billing' },
  ],
  [
    'the project among others',
    { target: 'verify-plan', projects: ['shipping', '@org/billing'] },
  ],
  ['every project', { target: 'verify-plan', projects: '*' }],
  [
    'the project by one of its tags',
    { target: 'verify-plan', projects: ['tag:plan:required'] },
  ],
  [
    'the project by its folder',
    { target: 'verify-plan', projects: ['directory:packages/billing'] },
  ],
  [
    'the project as a word of its name',
    { target: 'verify-plan', projects: ['billing'] },
  ],
  [
    'the project by its folder, unlabelled',
    { target: 'verify-plan', projects: ['packages/billing'] },
  ],
  [
    'all but another project',
    { target: 'verify-plan', projects: ['!shipping'] },
  ],
  [
    'projects and dependencies: projects win',
    { target: 'verify-plan', projects: ['@org/billing'], dependencies: true },
  ],
  ['a target pattern in an object', { target: 'verify*' }],
];

/** Entries that do not. */
export const DEPENDS_ON_OTHER: ReadonlyArray<[string, DependsOnEntry]> = [
  ["the dependencies' target", '^verify-plan'],
  ['another target', 'build'],
  ["another project's target", 'shipping:verify-plan'],
  ['a target pattern that does not match', 'check-*'],
  [
    "the dependencies' target, as an object",
    { target: 'verify-plan', dependencies: true },
  ],
  [
    'the legacy "dependencies"',
    { target: 'verify-plan', projects: 'dependencies' },
  ],
  [
    'the legacy "self" with dependencies',
    { target: 'verify-plan', projects: 'self', dependencies: true },
  ],
  [
    'another project by name',
    { target: 'verify-plan', projects: ['shipping'] },
  ],
  ['no project at all', { target: 'verify-plan', projects: [] }],
  ['empty patterns', { target: 'verify-plan', projects: [''] }],
  [
    'every project but this one',
    { target: 'verify-plan', projects: ['*', '!@org/billing'] },
  ],
  [
    'all but this one, by its tag',
    { target: 'verify-plan', projects: ['!tag:plan:required'] },
  ],
  [
    'a tag the project lacks',
    { target: 'verify-plan', projects: ['tag:scope:shipping'] },
  ],
  [
    'another folder',
    { target: 'verify-plan', projects: ['directory:packages/shipping'] },
  ],
  [
    'a word of no name that is no folder either',
    { target: 'verify-plan', projects: ['ship'] },
  ],
  ['an empty target', { target: '' }],
  ['the target name in another case', 'Verify-Plan'],
];

/** Entries the audit does not judge (and so does not count). */
export const DEPENDS_ON_UNJUDGED: ReadonlyArray<[string, DependsOnEntry]> = [
  ['a project glob', { target: 'verify-plan', projects: ['@org/*'] }],
  [
    'a tag glob the project does not have literally',
    { target: 'verify-plan', projects: ['tag:plan:*'] },
  ],
  [
    'a folder glob',
    { target: 'verify-plan', projects: ['directory:packages/**'] },
  ],
  ['a target pattern with braces', '{verify,check}-plan'],
  ['a target pattern with a class', { target: 'verify-pla[n]' }],
  [
    'an exclusion by glob after the project',
    { target: 'verify-plan', projects: ['@org/billing', '!*-e2e*'] },
  ],
];
