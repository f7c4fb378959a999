import * as ts from 'typescript';
import { UserInputError } from './names';

/** The module an import line imports from, whichever quotes it uses. */
const IMPORT_FROM = /from\s+['"]([^'"]+)['"]/;

/**
 * Adds a use-case's method and imports to an existing aggregate class, leaving every other byte
 * of the file as a person may have edited it. Imports of a module the file imports already are
 * left out. Refuses (changing nothing) when the class cannot be found or already has the method.
 */
export function addMethodToAggregate(
  source: string,
  file: string,
  className: string,
  methodName: string,
  methodText: string,
  importLines: readonly string[],
): string {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const aggregate = sourceFile.statements.find(
    (statement): statement is ts.ClassDeclaration =>
      ts.isClassDeclaration(statement) && statement.name?.text === className,
  );
  if (!aggregate) {
    throw new UserInputError(
      `${file} has no class ${className} to add the use-case to. Restore the class, or pass --aggregate with the aggregate this use-case changes.`,
    );
  }
  const hasMethod = aggregate.members.some(
    (member) => member.name !== undefined && member.name.getText(sourceFile) === methodName,
  );
  if (hasMethod) {
    throw new UserInputError(
      `${className} in ${file} already has a member "${methodName}". This use-case seems planned already; choose another use-case name.`,
    );
  }

  const closingBrace = aggregate.end - 1;
  const imports = sourceFile.statements.filter(ts.isImportDeclaration);
  const importsEnd = imports.length > 0 ? imports[imports.length - 1].end : 0;
  const imported = new Set(
    imports.map((declaration) => (declaration.moduleSpecifier as ts.StringLiteral).text),
  );
  const missingImports = importLines.filter((line) => {
    const from = IMPORT_FROM.exec(line)?.[1];
    return from === undefined || !imported.has(from);
  });
  const importText = missingImports.length > 0 ? `\n${missingImports.join('\n')}` : '';

  return (
    source.slice(0, importsEnd) +
    importText +
    source.slice(importsEnd, closingBrace) +
    methodText +
    source.slice(closingBrace)
  );
}
