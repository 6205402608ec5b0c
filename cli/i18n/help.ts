import { type Command, Help, type Option } from 'commander';
import { RECORD_TOOLS } from '../../adapters/sources/index.ts';
import type { Language } from '../../core/i18n/language.ts';

/** The French help of one command: its description and those of its arguments and options (by long flag). */
export interface CommandHelp {
  readonly description: string;
  readonly arguments?: Readonly<Record<string, string>>;
  readonly options?: Readonly<Record<string, string>>;
}

/**
 * French help, keyed by command path ('' for relais itself, 'mappings validate'…). English help stays next
 * to each command's declaration, where commander reads it; a test checks that every command, argument and
 * option has its French text here.
 */
const DLQ_OPTIONS = {
  '--data-dir': 'dossier de données de Relais en local en cours',
  '--queue-url': 'la file de livraison des références (sur AWS)',
  '--dlq-url': 'sa file de lettres mortes (sur AWS)',
  '--endpoint': 'un point d’accès SQS autre que AWS',
  '--json': 'imprimer du JSON',
};

const PRIMERO_OPTIONS = {
  '--url': 'le serveur Primero (https), par exemple https://primero.example.org',
  '--user': "l'utilisateur Primero sous lequel Relais se connecte",
  '--password-env': "la variable d'environnement qui contient son mot de passe",
};

const RELAIS_OPTIONS = {
  '--relais-url': "l'API Relais (ou RELAIS_URL)",
  '--key-env': "la variable d'environnement qui contient une clé d'API admin de l'organisation de la source",
};

export const FRENCH_HELP: Readonly<Record<string, CommandHelp>> = {
  '': {
    description: "Relais : l'interopérabilité pour la gestion des cas de protection de l'enfance",
    options: { '--lang': 'en ou fr (par défaut selon LANGUAGE, LC_ALL, LC_MESSAGES ou LANG)' },
  },
  serve: {
    description:
      'Lancer Relais en local : les fonctions Lambda derrière HTTP, sur dynalite, avec des données de démonstration',
    options: {
      '--port': "port d'écoute",
      '--data-dir': 'où les données sont gardées entre deux lancements',
      '--no-demo-data':
        'ne pas semer les fiches, correspondances et références de démonstration (un lancement suivant le peut encore)',
    },
  },
  demo: { description: 'Aides de démonstration pour Relais en local' },
  'demo receiver': {
    description:
      'Recevoir les webhooks signés des deux organisations de démonstration et imprimer ce que chacune reçoit',
    options: {
      '--port': 'port sur lequel Relais écoute',
      '--url': 'adresse de Relais (par défaut http://127.0.0.1:<port>, ou RELAIS_URL)',
      '--data-dir': 'dossier de données de Relais en cours',
      '--listen': "port d'écoute du récepteur",
    },
  },
  dlq: {
    description: 'Inspecter et relancer les événements de référence non livrés (des ids, aucune donnée d’enfant)',
  },
  'dlq list': {
    description: 'Lister les lettres mortes, les plus anciennes d’abord par référence',
    options: DLQ_OPTIONS,
  },
  'dlq show': {
    description: "Montrer les lettres mortes d'une référence",
    arguments: { referralId: 'la référence (ref_…)' },
    options: DLQ_OPTIONS,
  },
  'dlq redrive': {
    description:
      'Renvoyer les lettres mortes à la livraison, dans l’ordre par référence, chacune avec un nouveau calendrier de tentatives',
    options: { ...DLQ_OPTIONS, '--referral': 'seulement cette référence' },
  },
  'demo curl': {
    description: 'Vérifier que Relais en local répond et imprimer un exemple curl fraîchement signé',
    options: {
      '--port': 'port où Relais écoute',
      '--url': 'adresse de Relais (par défaut http://127.0.0.1:<port>, ou RELAIS_URL)',
      '--data-dir': 'dossier de données de Relais en cours',
    },
  },
  schemas: { description: 'Artefacts générés pour les partenaires' },
  'schemas write': {
    description: 'Écrire les JSON Schema dans schemas/json/ et le document OpenAPI dans schemas/openapi.json',
  },
  organisations: { description: 'Commandes des opérateurs de la plateforme' },
  'organisations create': {
    description: "Créer une organisation et imprimer sa première clé d'administration (affichée une seule fois)",
    options: {
      '--id': 'identifiant org_…',
      '--name': 'nom affiché',
      '--kind': 'ngo | government | un_agency | other',
      '--country': 'ISO 3166-1 alpha-2, p. ex. CD ou BI',
      '--data-dir': "dossier de données de Relais en local (par défaut .relais ; arrêtez d'abord npm start)",
      '--table': 'une table directory déployée à la place (avec vos identifiants AWS)',
      '--region': 'région AWS de --table',
    },
  },
  mappings: { description: 'Vérifier, prévisualiser et mesurer des correspondances de champs (fichiers YAML ou JSON)' },
  'mappings validate': {
    description:
      'Vérifier une correspondance ; imprimer chaque problème avec sa ligne, sa colonne et son pointeur JSON ; code 1 si elle est invalide',
    arguments: { file: 'fichier de correspondance (.yaml, .yml ou .json)' },
  },
  'mappings preview': {
    description:
      'Appliquer la correspondance à des échantillons et montrer la sortie canonique, les erreurs, les avertissements et les champs source non utilisés ; code 1 si un échantillon échoue',
    arguments: {
      file: 'fichier de correspondance',
      samples: 'échantillons : .json (un objet ou un tableau) ou .csv avec une ligne d’en-tête',
    },
    options: { '--json': 'sortie lisible par une machine' },
  },
  'mappings coverage': {
    description:
      'Quels champs source les échantillons portent sans que la correspondance les lise, et quels champs cibles restent vides',
    arguments: { file: 'fichier de correspondance', samples: 'échantillons : .json ou .csv' },
    options: { '--json': 'sortie lisible par une machine' },
  },
  match: {
    description:
      'Appliquer la correspondance à un fichier CSV, rapprocher chaque ligne dans un registre neuf et écrire record_id,person_id ; code 1 si des lignes ne correspondent pas',
    options: {
      '--source': `une correspondance intégrée (${RECORD_TOOLS.join(', ')}) ou un fichier de correspondance YAML`,
      '--input': 'le fichier CSV à rapprocher',
      '--out': 'où écrire record_id,person_id',
      '--profile': 'comment les liens sont décidés (voir les profils ci-dessous)',
    },
  },
  registry: { description: 'Maintenance du registre des personnes' },
  'registry backfill-stats': {
    description:
      'Demander une fois le recalcul statistique de chaque personne active : pour un déploiement mis à jour avec des données antérieures à la projection statistique',
    options: {
      '--registry-table': 'la table du registre (sortie de la pile avec état)',
      '--stats-table': 'la table des statistiques (sortie de la pile avec état)',
      '--queue-url': "l'URL de la file statsRefresh (les fonctions la lisent dans RELAIS_STATS_REFRESH_QUEUE_URL)",
      '--endpoint': 'un point d’accès DynamoDB autre que AWS',
      '--sqs-endpoint': 'un point d’accès SQS autre que AWS',
    },
  },
  'registry refile': {
    description:
      'Reclasser chaque personne sous les clés de blocage de cette version, si le registre a été classé sous une autre',
    options: {
      '--table': 'la table du registre (sortie de la pile avec état)',
      '--endpoint': 'un point d’accès DynamoDB autre que AWS',
    },
  },
  primero: { description: 'Échanger des cas avec un serveur Primero v2' },
  'primero pull': {
    description: 'Tirer les cas modifiés dans Primero vers un Relais en cours, comme une source Primero, page par page',
    options: {
      ...PRIMERO_OPTIONS,
      ...RELAIS_OPTIONS,
      '--source': 'la source Relais (outil primero) par laquelle les cas entrent',
      '--since': 'tirer les cas modifiés à partir de cet instant (premier passage seulement)',
      '--cursor-file': 'où garder le curseur entre deux passages (lu, puis écrit après chaque page)',
      '--per': 'cas par page (1000 au plus)',
    },
  },
  'primero push': {
    description: 'Créer ou mettre à jour des cas Primero depuis des enregistrements Relais, par identifiant de cas',
    options: {
      ...PRIMERO_OPTIONS,
      ...RELAIS_OPTIONS,
      '--record': 'les enregistrements Relais à envoyer (rec_…)',
      '--pulled-from': 'les sources Relais tirées de ce Primero (leurs enregistrements mettent à jour leur propre cas)',
    },
  },
  'primero referral-status': {
    description: "Donner à une référence Primero le statut de la référence Relais qu'elle représente",
    options: {
      ...PRIMERO_OPTIONS,
      '--case': "l'identifiant du cas Primero",
      '--referral': "l'identifiant de la référence Primero",
      '--status': 'le statut Relais',
      '--reason': 'le code de motif, pour rejected ou completed',
    },
  },
  stats: {
    description:
      "Statistiques d'enfants distincts (personnes du registre) par sexe, tranche d'âge et plus, de votre organisation ou de toutes",
    options: {
      '--from': 'premier jour compté (AAAA-MM-JJ)',
      '--to': 'dernier jour compté (AAAA-MM-JJ)',
      '--by':
        'dimensions séparées par des virgules : sex, ageBracket, protectionConcern, serviceType, organisation, province, territory',
      '--age-set': "tranches d'âge : primero (par défaut), unhcr, unicef, ou celles du déploiement",
      '--view':
        'own : votre organisation, exact ; all : toutes, petites cellules masquées, périodes entières terminées',
      '--format': 'table (dans le terminal) ou csv',
      '--out': 'écrire dans ce fichier plutôt que sur la sortie standard',
      '--key': "une clé d'API reader ou admin de votre organisation, ou RELAIS_API_KEY",
      '--url': "l'API Relais (ou RELAIS_URL)",
    },
  },
  fhir: { description: 'FHIR R4 pour les partenaires : exporter, envoyer, lire' },
  'fhir export': {
    description:
      "Imprimer un Bundle de transaction FHIR R4 d'une personne du registre ou d'une référence, tel que l'organisation de la clé les voit",
    options: {
      '--person': 'une personne du registre (per_…) : vos enregistrements de cette personne, un Patient chacun',
      '--referral': "une référence (ref_…) : ServiceRequest, Task, Consent et l'enfant tel que vous pouvez le voir",
      '--key':
        "une clé d'API de votre organisation (reader ou admin pour une personne, referrals ou admin pour une référence), ou RELAIS_API_KEY",
      '--url': "l'API Relais (ou RELAIS_URL)",
      '--base': 'la base des systèmes d’identifiants, ou RELAIS_FHIR_BASE',
    },
  },
  'fhir push': {
    description: "Envoyer un Bundle de type transaction ; imprimer le statut et l'emplacement de chaque entrée",
    options: {
      '--endpoint': "l'URL de base FHIR (https ; doit se résoudre en adresses publiques)",
      '--token': 'un jeton bearer (ou RELAIS_FHIR_TOKEN)',
      '--file': 'le Bundle de type transaction (JSON)',
    },
  },
  'fhir pull': {
    description:
      "Imprimer les ressources d'un type modifiées depuis une date, un JSON par ligne, toutes les pages suivies",
    options: {
      '--endpoint': "l'URL de base FHIR (https ; doit se résoudre en adresses publiques)",
      '--token': 'un jeton bearer (ou RELAIS_FHIR_TOKEN)',
      '--type': 'le type de ressource, p. ex. Task',
      '--since': 'une date-heure ISO 8601 avec son décalage (par défaut : depuis le début)',
      '--count': 'ressources par page (_count)',
      '--into': 'avec --type Patient : importer les Patients dans cette source canonique de votre organisation',
      '--key': "avec --into : une clé d'API de l'organisation de la source (source ou admin), ou RELAIS_API_KEY",
      '--url': "avec --into : l'API Relais (ou RELAIS_URL)",
    },
  },
  import: {
    description:
      'Envoyer un fichier CSV à un Relais en cours comme une source, puis écrire record_id,person_id une fois rapprochés',
    options: {
      '--source': 'la source où envoyer (sa correspondance active lit les lignes CSV)',
      '--input': 'le fichier CSV',
      '--out': 'où écrire record_id,person_id',
      '--key': "une clé d'API de l'organisation de la source avec le rôle admin (envoi et lecture), ou RELAIS_API_KEY",
      '--url': "l'API Relais (ou RELAIS_URL)",
    },
  },
};

const FRENCH_TITLES: Readonly<Record<string, string>> = {
  'Usage:': 'Utilisation :',
  'Arguments:': 'Arguments :',
  'Options:': 'Options :',
  'Global Options:': 'Options globales :',
  'Commands:': 'Commandes :',
};

/** commander's own usage errors, in French; a message it may add later stays in English. */
const FRENCH_ERRORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^error: unknown command '(.+)'/, 'erreur : commande inconnue « $1 »'],
  [/^error: unknown option '(.+)'/, 'erreur : option inconnue « $1 »'],
  [/^error: missing required argument '(.+)'/, 'erreur : argument obligatoire manquant « $1 »'],
  [/^error: option '(.+)' argument missing/, "erreur : l'option « $1 » attend une valeur"],
  [/^error: required option '(.+)' not specified/, "erreur : l'option obligatoire « $1 » manque"],
  [/^error: too many arguments.*/, "erreur : trop d'arguments"],
  [
    /^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\./,
    "erreur : valeur « $2 » invalide pour l'option « $1 » ; valeurs permises : $3",
  ],
  [/^\(Did you mean (.+)\?\)/, '(Vouliez-vous dire $1 ?)'],
];

export function translateUsageError(text: string, lang: Language): string {
  if (lang === 'en') return text;
  return text
    .split('\n')
    .map((line) => FRENCH_ERRORS.reduce((l, [pattern, french]) => l.replace(pattern, french), line))
    .join('\n');
}

/** Before the commands are added, so that they inherit it: help titles and the help option, in French. */
export function localiseProgram(program: Command, lang: Language): void {
  if (lang === 'en') return;
  program
    .helpOption('-h, --help', "afficher l'aide de la commande")
    .helpCommand('help [command]', "afficher l'aide d'une commande")
    .configureHelp({
      styleTitle: (title) => FRENCH_TITLES[title] ?? title,
      optionDescription(this: Help, option: Option) {
        return Help.prototype.optionDescription
          .call(this, option)
          .replace(/([(,] )?default: /, (_, before: string | undefined) => `${before ?? ''}par défaut : `)
          .replace('(choices: ', '(valeurs : ');
      },
    });
}

/** The path of a command under relais: '' for relais itself, 'mappings validate' for a subcommand. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function* allCommands(command: Command): Generator<Command> {
  yield command;
  for (const sub of command.commands) yield* allCommands(sub);
}

/** After the commands are added: each description, argument and option in French. */
export function localiseCommands(program: Command, lang: Language): void {
  if (lang === 'en') return;
  for (const command of allCommands(program)) {
    const help = FRENCH_HELP[commandPath(command)];
    if (!help) continue;
    command.description(help.description);
    for (const argument of command.registeredArguments)
      argument.description = help.arguments?.[argument.name()] ?? argument.description;
    for (const option of command.options) option.description = help.options?.[option.long ?? ''] ?? option.description;
  }
}
