import { Command, CommanderError, Option } from 'commander';
import { LANGUAGES } from '../core/i18n/language.ts';
import { commands } from './commands/index.ts';
import { CliError, EXIT } from './errors.ts';
import { localiseCommands, localiseProgram, translateUsageError } from './i18n/help.ts';
import { environmentLanguage, requestedLanguage } from './i18n/language.ts';

/** commander's codes for help a person asked for; every other error of commander's is a usage error. */
const HELP_ASKED = new Set(['commander.helpDisplayed', 'commander.version']);

export function buildProgram(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Command {
  const lang = requestedLanguage(argv, env);
  const program = new Command('relais')
    .description('Relais: interoperability for child-protection case management')
    .addOption(
      new Option('--lang <lang>', 'en or fr (default from LANGUAGE, LC_ALL, LC_MESSAGES or LANG)')
        .choices(LANGUAGES)
        .default(environmentLanguage(env)),
    )
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(translateUsageError(text, lang)) });
  localiseProgram(program, lang);
  for (const register of commands) register(program);
  localiseCommands(program, lang);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram(argv).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed the message (and the help) on stderr.
      process.exitCode = HELP_ASKED.has(error.code) ? EXIT.ok : EXIT.usage;
      return;
    }
    // Commands throw for conditions a person can act on: the message says what to do, a stack would not.
    process.stderr.write(`relais: ${(error as Error).message}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : EXIT.failed;
  }
}
