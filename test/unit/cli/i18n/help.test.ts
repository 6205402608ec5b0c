import { describe, expect, it } from 'vitest';
import { FRENCH_HELP, allCommands, commandPath } from '../../../../cli/i18n/help.ts';
import { buildProgram } from '../../../../cli/main.ts';

describe('the French help of relais', () => {
  const program = buildProgram(['node', 'relais'], { LANG: 'C' });

  it('has a text for every command, argument and option, and none for a command that does not exist', () => {
    const missing: string[] = [];
    const paths = new Set<string>();
    for (const command of allCommands(program)) {
      const path = commandPath(command);
      paths.add(path);
      const help = FRENCH_HELP[path];
      if (!help) missing.push(`${path || 'relais'}`);
      for (const argument of command.registeredArguments)
        if (!help?.arguments?.[argument.name()]) missing.push(`${path} <${argument.name()}>`);
      for (const option of command.options) if (!help?.options?.[option.long!]) missing.push(`${path} ${option.long}`);
    }
    expect(missing).toEqual([]);
    expect(Object.keys(FRENCH_HELP).filter((path) => !paths.has(path))).toEqual([]);
  });

  it('replaces the English descriptions when French is asked for', () => {
    const french = buildProgram(['node', 'relais', '--lang', 'fr'], {});
    const validate = [...allCommands(french)].find((c) => commandPath(c) === 'mappings validate')!;
    expect(validate.description()).toBe(FRENCH_HELP['mappings validate']!.description);
    expect(french.helpInformation()).toContain('Commandes :');
  });
});
