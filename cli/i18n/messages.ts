import type { Language } from '../../core/i18n/language.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Every message the `relais` command prints, in English; the French catalogue has the same shape. */
const en = {
  // Files given on the command line
  fileNotFound: (file: string) => `${file}: no such file`,
  fileUnreadable: (file: string, code: string) => `${file}: cannot be read (${code})`,
  fileUnwritable: (file: string, code: string) => `${file}: cannot be written (${code})`,
  notJson: (file: string, line: number, column: number) => `${file}:${line}:${column}: not valid JSON`,
  notCsv: (file: string, line: number | undefined, code: string) =>
    `${file}${line === undefined ? '' : `:${line}`}: not valid CSV (${code})`,

  // Progress, on stderr
  rows: 'rows',

  // relais mappings
  mappingValid: (file: string, id: string, fields: number) =>
    `${file}: mapping "${id}" is valid (${plural(fields, 'field', 'fields')})`,
  mappingInvalid: (file: string, problems: number) =>
    `${file}: ${plural(problems, 'problem', 'problems')}, the mapping is not valid`,
  samplesFailed: (failed: number, total: number) => `${failed} of ${plural(total, 'sample', 'samples')} fail`,
  sample: 'Sample',
  samples: 'sample(s)',
  sampleMaps: 'maps',
  sampleFails: 'fails',
  sampleSkipped: 'skipped by the mapping',
  canonicalField: 'canonical field',
  value: 'value',
  from: 'from',
  errors: 'Errors',
  warnings: 'Warnings',
  keptAsOther: 'Kept as "other"',
  unmappedSourceFields: 'Source fields not mapped',
  unusedSourceFields: 'Source fields never used',
  unfilledTargets: 'Mapped fields never filled',
  untargeted: 'Canonical fields not in the mapping',
  none: '(none)',

  // relais match
  unknownMapping: (source: string, builtIn: readonly string[]) =>
    `no built-in mapping and no mapping file is called "${source}"; built-in mappings: ${builtIn.join(', ')}`,
  mappingFileInvalid: (file: string) => `${file} is not a valid mapping (see: relais mappings validate ${file})`,
  profilesTitle: 'Matching profiles (--profile)',
  defaultProfile: 'default',
  matchSummary: (rows: number, persons: number, rejected: number) =>
    `${plural(rows, 'row', 'rows')}, ${plural(persons, 'person', 'persons')}, ${plural(rejected, 'row', 'rows')} that do not map`,
  rejectedLines: (file: string, lines: readonly number[]) =>
    `${file}: lines that do not map: ${lines.slice(0, 20).join(', ')}${lines.length > 20 ? ', …' : ''}`,

  // relais import
  unreachable: (url: string, cause: string) =>
    `no answer from Relais at ${url} (${cause}). Is it running (npm start, or relais serve) and listening on that port? Give its address with --url or RELAIS_URL.`,
  notRelais: (url: string, status: number) =>
    `${url} answered ${status} with something other than JSON: is it the address of Relais? Check --url or RELAIS_URL.`,
  batchRefused: (file: string, first: number, last: number, status: number, code: string) =>
    `${file}, lines ${first}-${last}: refused by Relais (${status} ${code})`,
  lineRefused: (file: string, line: number, pointer: string, detail: string) =>
    `${file}:${line}: ${pointer || '/'} ${detail}`,
  moreProblems: (n: number) => `… and ${plural(n, 'more problem', 'more problems')}`,
  readRefused: (id: string, status: number, code: string) =>
    `reading ${id} answered ${status} ${code} (the key needs the reader or admin role too)`,
  notMatched: (id: string) => `record ${id} was not matched within a minute`,
  importSummary: (rows: number, persons: number) =>
    `${plural(rows, 'row', 'rows')}, ${plural(persons, 'person', 'persons')}`,
  lineNumbers: 'Line numbers are those of the CSV file as a spreadsheet shows them (the header is line 1).',

  // relais primero
  secretVariableEmpty: (variable: string) =>
    `the environment variable ${variable} is not set or empty (secrets are passed by variable name, never on the command line)`,
  primeroUrlRefused: (codes: string) =>
    `the Primero URL is refused by the outbound rules (${codes}): it must be https to a public address`,
  primeroUnreachable: (reason: string) => `no answer from Primero (${reason})`,
  cursorFileInvalid: (file: string) => `${file} is not a cursor written by relais primero pull`,
  sinceAndCursor: (file: string) => `--since and an existing cursor file (${file}) disagree: give one of them`,
  sourcesRefused: (status: number, code: string) =>
    `listing the sources answered ${status} ${code} (the key needs the admin role)`,
  sourceNotFound: (id: string) => `source ${id} does not exist in this organisation`,
  sourceNotPrimero: (id: string, tool: string) =>
    `source ${id} reads ${tool}, not primero: its mapping cannot read cases`,
  pageRefused: (status: number, code: string) =>
    `Relais refused a page of cases (${status} ${code}); the cursor stays before it`,
  caseRefused: (id: string, pointer: string, detail: string) => `Primero case ${id}: ${pointer || '/'} ${detail}`,
  pullSummary: (pulled: number, had: number, since: string) =>
    `${plural(pulled, 'case', 'cases')} pulled, ${had} already had; cursor at ${since}`,
  pushConflict: (id: string, matches: readonly string[]) =>
    `${id} conflict: ${matches.length} Primero cases carry its case id (${matches.join(', ')}); nothing written`,
  pushNotFound: (id: string, primeroId: string) => `${id} not-found: Primero case ${primeroId} is gone or out of scope`,
  referralConflict: (id: string, current: string, wanted: string) =>
    `${id} conflict: the Primero referral is ${current}, it cannot become ${wanted}`,
  referralNotRepresentable: (status: string) => `Primero referrals have no status for ${status}; nothing written`,
  referralNotFound: (id: string, caseId: string) => `referral ${id} is not among case ${caseId}'s referrals`,
  // relais fhir export
  fhirExportOneOf: 'give one of --person or --referral',
  fhirReadRefused: (path: string, status: number, code: string) =>
    `GET ${path} answered ${status} ${code} (a person needs the reader or admin role, a referral the referrals or admin role)`,
  fhirBundleInvalid: (issues: number) =>
    `the Bundle does not validate against FHIR R4 (${plural(issues, 'problem', 'problems')}):`,
  // relais stats
  statsRefused: (status: number, detail: string) => `the statistics were refused (${status}): ${detail}`,
  statsChildren: (n: number) => `Distinct children: ${n}`,
  statsSuppressedNote: (k: number) =>
    `Across organisations: cells of 1 to ${k - 1} are hidden, and so is what would give them away.`,
  statsWritten: (file: string) => `written to ${file}`,

  // relais demo curl and relais serve
  notRunning: (url: string) =>
    `Relais is not running at ${url} (${url}/health does not answer). Start it with npm start (or relais serve), or give the port it listens on with --port.`,
  noDemo: (file: string) => `${file} does not exist: start Relais once with npm start, which writes it`,
  running: (url: string, dataDir: string, demoFile: string) =>
    `Relais is running at ${url}  (data in ${dataDir}; demo organisations, sources and keys in ${demoFile})`,
  examplePush: [
    '1. Push a record as the Espoir case app (Standard Webhooks signature; valid for 5 minutes,',
    '   `npm run relais -- demo curl` prints a fresh one):',
  ],
  exampleRead: '2. Read it back with the Espoir reader key (use the id from the answer):',
  exampleOther: '3. The other organisation (DIVAS) cannot see it: 404',
  exampleReferral: [
    '4. Refer a child from Espoir to a DIVAS service. In another terminal, start the demo receiver first: it',
    "   listens for both organisations' signed webhooks and prints what each receives:",
  ],
  exampleAnswer:
    '5. DIVAS accepts, then completes with feedback; Espoir reads the history (use the id from the answer):',
  receiverListening: (url: string) =>
    `Demo receiver listening at ${url}; both demo organisations deliver here. Ctrl-C stops it.`,
  receiverEvent: (org: string, type: string, verified: boolean) =>
    `── ${org} received ${type} (${verified ? 'signature verified' : 'SIGNATURE INVALID'})`,
  receiverNoSecret: (org: string) =>
    `the signing secret of ${org}'s channel is not known here: delete .relais/demo-receiver.json and the channel is set up again`,
  adminUi: (url: string, key: string) => `Admin interface: ${url}/admin  (sign in with the Espoir admin key: ${key})`,
  demoDataBusy:
    'the demo data is still being processed (matching, deliveries, statistics): the screens fill in within a minute',
  demoDataFailed: (reason: string) =>
    `the demo data could not be seeded (${reason}); Relais runs without it, and the next start tries again`,
  exampleFooter: (url: string) => `API description: ${url}/openapi.json    Health: ${url}/health    Stop: Ctrl-C`,
  stopping: 'Stopping Relais: finishing the requests in flight (Ctrl-C again to stop at once)…',
  stopFailed: (reason: string) => `could not stop cleanly: ${reason}`,

  // relais organisations create
  organisationExists: (id: string) => `organisation ${id} already exists`,
  organisationCreated: (id: string) => `created ${id}`,
  adminKey: (token: string) => `admin key (shown once, keep it safe): ${token}`,

  // relais schemas write
  wrote: (file: string) => `wrote ${file}`,

  // relais fhir
  notTransactionBundle: (file: string) =>
    `${file}: not a FHIR transaction Bundle (each entry needs a resource and a request)`,
  badSince: (since: string) => `--since ${since}: not an ISO 8601 date-time with its offset (2026-12-01T10:00:00Z)`,
  badResourceType: (type: string) => `--type ${type}: not a FHIR resource type (Task, Patient…)`,
  badCount: (count: string) => `--count ${count}: a whole number from 1 to 1000`,
  fhirFailed: (why: string) => `the FHIR server did not answer as asked (${why}); nothing was changed here`,
  fhirPushed: (entries: number) => `pushed: ${plural(entries, 'entry', 'entries')}`,
  fhirIntoPatientsOnly: '--into imports Patients only: give --type Patient',
  fhirIntoNeedsKey: '--into needs --key (or RELAIS_API_KEY): an API key of the source organisation',
  fhirImported: (records: number, source: string, outcomes: Record<string, number>) =>
    `${plural(records, 'Patient', 'Patients')} sent to ${source}: ${
      Object.entries(outcomes)
        .map(([o, n]) => `${n} ${o}`)
        .join(', ') || 'nothing'
    }`,
  fhirImportRefused: (status: number, body: unknown) =>
    `Relais refused the records (${status}): ${JSON.stringify(body).slice(0, 500)}`,
  fhirPulled: (resources: number, pages: number, since: string | undefined) =>
    `${plural(resources, 'resource', 'resources')} in ${plural(pages, 'page', 'pages')}${since ? `; next: --since ${since}` : ''}`,
};

export type Messages = typeof en;

const fr: Messages = {
  fileNotFound: (file) => `${file} : fichier introuvable`,
  fileUnreadable: (file, code) => `${file} : lecture impossible (${code})`,
  fileUnwritable: (file, code) => `${file} : écriture impossible (${code})`,
  notJson: (file, line, column) => `${file}:${line}:${column} : JSON invalide`,
  notCsv: (file, line, code) => `${file}${line === undefined ? '' : `:${line}`} : CSV invalide (${code})`,

  rows: 'lignes',

  mappingValid: (file, id, fields) =>
    `${file} : correspondance « ${id} » valide (${plural(fields, 'champ', 'champs')})`,
  mappingInvalid: (file, problems) =>
    `${file} : ${plural(problems, 'problème', 'problèmes')}, la correspondance n'est pas valide`,
  samplesFailed: (failed, total) =>
    `${failed} ${failed > 1 ? 'échantillons échouent' : 'échantillon échoue'} sur ${total}`,
  sample: 'Échantillon',
  samples: 'échantillon(s)',
  sampleMaps: 'correspond',
  sampleFails: 'échoue',
  sampleSkipped: 'ignoré par la correspondance',
  canonicalField: 'champ canonique',
  value: 'valeur',
  from: 'source',
  errors: 'Erreurs',
  warnings: 'Avertissements',
  keptAsOther: 'Gardé comme « other »',
  unmappedSourceFields: 'Champs source non utilisés',
  unusedSourceFields: 'Champs source jamais utilisés',
  unfilledTargets: 'Champs jamais remplis',
  untargeted: 'Champs canoniques absents de la correspondance',
  none: '(aucun)',

  unknownMapping: (source, builtIn) =>
    `aucune correspondance intégrée ni aucun fichier ne s'appelle « ${source} » ; correspondances intégrées : ${builtIn.join(', ')}`,
  mappingFileInvalid: (file) => `${file} n'est pas une correspondance valide (voir : relais mappings validate ${file})`,
  profilesTitle: 'Profils de rapprochement (--profile)',
  defaultProfile: 'par défaut',
  matchSummary: (rows, persons, rejected) =>
    `${plural(rows, 'ligne', 'lignes')}, ${plural(persons, 'personne', 'personnes')}, ${plural(rejected, 'ligne', 'lignes')} sans correspondance`,
  rejectedLines: (file, lines) =>
    `${file} : lignes sans correspondance : ${lines.slice(0, 20).join(', ')}${lines.length > 20 ? ', …' : ''}`,

  unreachable: (url, cause) =>
    `Relais ne répond pas à ${url} (${cause}). Est-il lancé (npm start, ou relais serve) et écoute-t-il sur ce port ? Donnez son adresse avec --url ou RELAIS_URL.`,
  notRelais: (url, status) =>
    `${url} a répondu ${status} avec autre chose que du JSON : est-ce bien l'adresse de Relais ? Vérifiez --url ou RELAIS_URL.`,
  batchRefused: (file, first, last, status, code) =>
    `${file}, lignes ${first}-${last} : refusées par Relais (${status} ${code})`,
  lineRefused: (file, line, pointer, detail) => `${file}:${line} : ${pointer || '/'} ${detail}`,
  moreProblems: (n) => `… et ${plural(n, 'autre problème', 'autres problèmes')}`,
  readRefused: (id, status, code) =>
    `la lecture de ${id} a répondu ${status} ${code} (la clé doit aussi avoir le rôle reader ou admin)`,
  notMatched: (id) => `l'enregistrement ${id} n'a pas été rapproché en une minute`,
  importSummary: (rows, persons) => `${plural(rows, 'ligne', 'lignes')}, ${plural(persons, 'personne', 'personnes')}`,
  lineNumbers: "Les numéros de ligne sont ceux du fichier CSV tel qu'un tableur l'affiche (l'en-tête est la ligne 1).",

  fhirExportOneOf: 'indiquez soit --person soit --referral',
  fhirReadRefused: (path, status, code) =>
    `GET ${path} a répondu ${status} ${code} (une personne demande le rôle reader ou admin, une référence le rôle referrals ou admin)`,
  fhirBundleInvalid: (issues) =>
    `le Bundle n'est pas valide selon FHIR R4 (${plural(issues, 'problème', 'problèmes')}) :`,
  statsRefused: (status, detail) => `les statistiques ont été refusées (${status}) : ${detail}`,
  statsChildren: (n) => `Enfants distincts : ${n}`,
  statsSuppressedNote: (k) =>
    `Entre organisations : les cellules de 1 à ${k - 1} sont masquées, ainsi que ce qui permettrait de les retrouver.`,
  statsWritten: (file) => `écrit dans ${file}`,

  notRunning: (url) =>
    `Relais n'est pas lancé à ${url} (${url}/health ne répond pas). Lancez-le avec npm start (ou relais serve), ou indiquez son port avec --port.`,
  noDemo: (file) => `${file} n'existe pas : lancez Relais une première fois avec npm start, qui l'écrit`,
  running: (url, dataDir, demoFile) =>
    `Relais est lancé à ${url}  (données dans ${dataDir} ; organisations, sources et clés de démonstration dans ${demoFile})`,
  examplePush: [
    "1. Envoyer un enregistrement comme l'application de cas d'Espoir (signature Standard Webhooks, valable",
    '   5 minutes ; `npm run relais -- demo curl` en imprime une nouvelle) :',
  ],
  exampleRead: "2. Le relire avec la clé de lecture d'Espoir (avec l'id de la réponse) :",
  exampleOther: "3. L'autre organisation (DIVAS) ne le voit pas : 404",
  exampleReferral: [
    "4. Référer un enfant d'Espoir vers un service de la DIVAS. Dans un autre terminal, lancez d'abord le",
    '   récepteur de démonstration : il reçoit les webhooks signés des deux organisations et imprime ce que chacune reçoit :',
  ],
  exampleAnswer: "5. La DIVAS accepte, puis clôt avec un retour ; Espoir lit l'historique (avec l'id de la réponse) :",
  receiverListening: (url) =>
    `Récepteur de démonstration à l'écoute sur ${url} ; les deux organisations de démonstration y livrent. Ctrl-C l'arrête.`,
  receiverEvent: (org, type, verified) =>
    `── ${org} a reçu ${type} (${verified ? 'signature vérifiée' : 'SIGNATURE INVALIDE'})`,
  receiverNoSecret: (org) =>
    `le secret de signature du canal de ${org} n'est pas connu ici : supprimez .relais/demo-receiver.json et le canal sera reconfiguré`,
  adminUi: (url, key) =>
    `Interface d'administration : ${url}/admin  (connectez-vous avec la clé d'administration d'Espoir : ${key})`,
  demoDataBusy:
    "les données de démonstration sont encore en traitement (rapprochement, livraisons, statistiques) : les écrans se remplissent en moins d'une minute",
  demoDataFailed: (reason) =>
    `les données de démonstration n'ont pas pu être créées (${reason}) ; Relais fonctionne sans elles, et le prochain démarrage réessaie`,
  exampleFooter: (url) => `Description de l'API : ${url}/openapi.json    Santé : ${url}/health    Arrêt : Ctrl-C`,
  stopping: 'Arrêt de Relais : fin des requêtes en cours (Ctrl-C encore pour arrêter tout de suite)…',
  stopFailed: (reason) => `arrêt incomplet : ${reason}`,

  secretVariableEmpty: (variable) =>
    `la variable d'environnement ${variable} est absente ou vide (un secret se passe par le nom de sa variable, jamais sur la ligne de commande)`,
  primeroUrlRefused: (codes) =>
    `l'URL de Primero est refusée par les règles d'envoi (${codes}) : https vers une adresse publique seulement`,
  primeroUnreachable: (reason) => `pas de réponse de Primero (${reason})`,
  cursorFileInvalid: (file) => `${file} n'est pas un curseur écrit par relais primero pull`,
  sinceAndCursor: (file) =>
    `--since et le fichier de curseur existant (${file}) se contredisent : donnez l'un des deux`,
  sourcesRefused: (status, code) =>
    `la liste des sources a répondu ${status} ${code} (la clé doit avoir le rôle admin)`,
  sourceNotFound: (id) => `la source ${id} n'existe pas dans cette organisation`,
  sourceNotPrimero: (id, tool) => `la source ${id} lit ${tool}, pas primero : sa correspondance ne lit pas les cas`,
  pageRefused: (status, code) => `Relais a refusé une page de cas (${status} ${code}) ; le curseur reste avant elle`,
  caseRefused: (id, pointer, detail) => `cas Primero ${id} : ${pointer || '/'} ${detail}`,
  pullSummary: (pulled, had, since) =>
    `${plural(pulled, 'cas tiré', 'cas tirés')}, ${had} déjà reçus ; curseur à ${since}`,
  pushConflict: (id, matches) =>
    `${id} conflit : ${matches.length} cas Primero portent son identifiant (${matches.join(', ')}) ; rien n'est écrit`,
  pushNotFound: (id, primeroId) =>
    `${id} introuvable : le cas Primero ${primeroId} n'existe plus ou est hors de portée`,
  referralConflict: (id, current, wanted) =>
    `${id} conflit : la référence Primero est ${current}, elle ne peut devenir ${wanted}`,
  referralNotRepresentable: (status) => `les références Primero n'ont pas de statut pour ${status} ; rien n'est écrit`,
  referralNotFound: (id, caseId) => `la référence ${id} n'est pas parmi celles du cas ${caseId}`,

  organisationExists: (id) => `l'organisation ${id} existe déjà`,
  organisationCreated: (id) => `${id} créée`,
  adminKey: (token) => `clé d'administration (affichée une seule fois, gardez-la en lieu sûr) : ${token}`,

  wrote: (file) => `${file} écrit`,

  notTransactionBundle: (file) =>
    `${file} : pas un Bundle FHIR de type transaction (chaque entrée demande une ressource et une requête)`,
  badSince: (since) => `--since ${since} : pas une date-heure ISO 8601 avec son décalage (2026-12-01T10:00:00Z)`,
  badResourceType: (type) => `--type ${type} : pas un type de ressource FHIR (Task, Patient…)`,
  badCount: (count) => `--count ${count} : un nombre entier de 1 à 1000`,
  fhirFailed: (why) => `le serveur FHIR n'a pas répondu comme demandé (${why}) ; rien n'a été changé ici`,
  fhirPushed: (entries) => `envoyé : ${plural(entries, 'entrée', 'entrées')}`,
  fhirIntoPatientsOnly: '--into importe des Patients seulement : donnez --type Patient',
  fhirIntoNeedsKey: "--into demande --key (ou RELAIS_API_KEY) : une clé d'API de l'organisation de la source",
  fhirImported: (records, source, outcomes) =>
    `${plural(records, 'Patient', 'Patients')} envoyés à ${source} : ${
      Object.entries(outcomes)
        .map(([o, n]) => `${n} ${o}`)
        .join(', ') || 'rien'
    }`,
  fhirImportRefused: (status, body) =>
    `Relais a refusé les enregistrements (${status}) : ${JSON.stringify(body).slice(0, 500)}`,
  fhirPulled: (resources, pages, since) =>
    `${plural(resources, 'ressource', 'ressources')} en ${plural(pages, 'page', 'pages')}${since ? ` ; ensuite : --since ${since}` : ''}`,
};

export const MESSAGES: Readonly<Record<Language, Messages>> = { en, fr };

export const messagesFor = (lang: Language): Messages => MESSAGES[lang];
