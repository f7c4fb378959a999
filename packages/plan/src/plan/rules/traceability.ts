/**
 * Traceability between the plan and the module's code: every artifact the plan names exists,
 * and every spec the generator made for this use-case is named (so reviewed) in the plan.
 * Runs only when the verifier is given the module's code.
 */
import { ARTIFACT_COLUMNS, ARTIFACT_TABLE_SECTIONS, SectionId } from '../catalog';
import type { Finding } from '../finding';
import { kebabCase } from '../kebab-case';
import type { SourcePosition } from '../line-index';
import type { Rule, RuleContext } from './rule';
import { finding, sectionRef } from './rule';

const BACKTICKED = /`([^`]+)`/g;
/** The catalog column that names the artifact (`Kind | Artifact | Responsibility`), lower case. */
const ARTIFACT_COLUMN = ARTIFACT_COLUMNS[1].toLowerCase();
/** `Name`, `Name<T>` or `Name()` (trimmed): what names a code artifact in a table cell. */
const ARTIFACT_NAME = /^([A-Za-z_$][\w$]*)(?:<.*>|\(\))?$/;

export interface NamedArtifact {
  readonly name: string;
  readonly section: SectionId;
  readonly at: SourcePosition;
}

/** The artifacts named in backticks in the Artifact column of the artifact tables. */
export function namedArtifacts(context: RuleContext): NamedArtifact[] {
  const artifacts: NamedArtifact[] = [];
  for (const id of ARTIFACT_TABLE_SECTIONS) {
    const section = context.sections.get(id);
    if (!section) continue;
    for (const table of section.tables) {
      const column = table.header.cells.findIndex(
        (cell) => cell.trim().toLowerCase() === ARTIFACT_COLUMN,
      );
      if (column < 0) continue;
      for (const row of table.rows) {
        const cell = row.cells[column] ?? '';
        for (const match of cell.matchAll(BACKTICKED)) {
          const name = ARTIFACT_NAME.exec(match[1].trim())?.[1];
          if (!name) continue;
          const cellColumn = row.cellColumns[column] ?? row.column;
          artifacts.push({
            name,
            section: id,
            at: { line: row.line, column: cellColumn + (match.index ?? 0) },
          });
        }
      }
    }
  }
  return artifacts;
}

export const artifactMissing: Rule = {
  id: 'trace/artifact-missing',
  severity: 'error',
  description:
    "Every artifact named in the Domain model and Application layer tables is declared in the module's code.",
  check(context) {
    const code = context.moduleCode;
    if (!code) return [];
    const findings: Finding[] = [];
    for (const artifact of namedArtifacts(context)) {
      if (code.declarations.has(artifact.name)) continue;
      findings.push(
        finding(
          artifactMissing,
          context,
          artifact.at,
          `\`${artifact.name}\` is named in ${sectionRef(artifact.section)} but not declared in ${code.root || 'the module'}/src; declare it (\`export class ${artifact.name}\`, interface, type...) or correct the name in the table.`,
        ),
      );
    }
    return findings;
  },
};

export const specNotInPlan: Rule = {
  id: 'trace/spec-not-in-plan',
  severity: 'error',
  description:
    "Every spec of the plan's artifacts and of its use-case folder is named in the Unit tests section.",
  check(context) {
    const code = context.moduleCode;
    const section = context.sections.get('unit-tests');
    if (!code || !section) return [];
    const { plan } = context;
    // Expected specs, with what they test for the message: beside each found artifact's file,
    // and everything in the use-case's application folder.
    const expected = new Map<string, string>();
    for (const artifact of namedArtifacts(context)) {
      const file = code.declarations.get(artifact.name);
      const spec = file?.replace(/\.ts$/, '.spec.ts');
      if (spec && code.specFiles.has(spec) && !expected.has(spec))
        expected.set(spec, `of \`${artifact.name}\``);
    }
    if (context.useCase) {
      const folder = `src/application/${kebabCase(context.useCase)}/`;
      for (const spec of code.specFiles) {
        if (spec.startsWith(folder) && !expected.has(spec)) expected.set(spec, `in ${folder}`);
      }
    }
    const end =
      section.endLine < plan.lines.lineCount
        ? plan.lines.lineStart(section.endLine + 1)
        : plan.text.length;
    const sectionText = plan.text.slice(plan.lines.lineStart(section.heading.line), end);
    const findings: Finding[] = [];
    for (const [spec, of] of [...expected].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (sectionText.includes(spec)) continue;
      findings.push(
        finding(
          specNotInPlan,
          context,
          section.heading,
          `Spec \`${spec}\` (${of}) is not named in ${sectionRef('unit-tests')}; add a \`###\` sub-section named after it, with the test's code, so that the reviewer sees it.`,
        ),
      );
    }
    return findings;
  },
};
