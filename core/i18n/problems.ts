import type { ProblemKind, ProblemReason } from '../errors/relais-error.ts';
import type { Localised } from './language.ts';

export const PROBLEM_TITLES: Record<ProblemKind, Localised> = {
  'bad-request': { en: 'Bad request', fr: 'Requête incorrecte' },
  unauthenticated: { en: 'Authentication required', fr: 'Authentification requise' },
  forbidden: { en: 'Forbidden', fr: 'Accès interdit' },
  'not-found': { en: 'Not found', fr: 'Introuvable' },
  'method-not-allowed': { en: 'Method not allowed', fr: 'Méthode non autorisée' },
  conflict: { en: 'Conflict', fr: 'Conflit' },
  'payload-too-large': { en: 'Payload too large', fr: 'Contenu trop volumineux' },
  'unsupported-media-type': { en: 'Unsupported media type', fr: 'Type de contenu non pris en charge' },
  'headers-too-large': { en: 'Request headers too large', fr: 'En-têtes de requête trop volumineux' },
  validation: { en: 'Validation failed', fr: 'Échec de la validation' },
  'too-many-requests': { en: 'Too many requests', fr: 'Trop de requêtes' },
  internal: { en: 'Internal error', fr: 'Erreur interne' },
  unavailable: { en: 'Service unavailable', fr: 'Service indisponible' },
};

export const PROBLEM_DETAILS: Record<ProblemReason, Localised> = {
  'malformed-json': { en: 'The body is not valid JSON.', fr: "Le corps de la requête n'est pas du JSON valide." },
  'malformed-path': {
    en: 'The path holds an invalid percent-encoding.',
    fr: 'Le chemin contient un encodage pour cent invalide.',
  },
  'malformed-request': {
    en: 'The request line or headers could not be read.',
    fr: "La ligne de requête ou les en-têtes n'ont pas pu être lus.",
  },
  'headers-too-large': {
    en: 'The request headers exceed 16 KB.',
    fr: 'Les en-têtes de la requête dépassent 16 Ko.',
  },
  'nesting-too-deep': {
    en: 'The document nests objects and arrays too deeply; see errors.',
    fr: 'Le document imbrique trop profondément objets et tableaux ; voir errors.',
  },
  'invalid-document': {
    en: 'The document has invalid fields; see errors.',
    fr: 'Le document contient des champs invalides ; voir errors.',
  },
  'invalid-query': {
    en: 'The query parameters are invalid; see errors.',
    fr: 'Les paramètres de requête sont invalides ; voir errors.',
  },
  'batch-empty': { en: 'The batch holds no record.', fr: 'Le lot ne contient aucun enregistrement.' },
  'batch-too-large': { en: 'A batch holds at most 500 records.', fr: 'Un lot contient au plus 500 enregistrements.' },
  'body-too-large': {
    en: 'The body exceeds the size limit of this endpoint.',
    fr: 'Le corps dépasse la taille maximale de ce point de terminaison.',
  },
  'json-required': { en: 'Send the body as application/json.', fr: 'Envoyez le corps en application/json.' },
  'credentials-missing': {
    en: 'Send an API key (Authorization: Bearer, X-Api-Key or basic auth) or a Standard Webhooks signature.',
    fr: 'Envoyez une clé d’API (Authorization: Bearer, X-Api-Key ou authentification basique) ou une signature Standard Webhooks.',
  },
  'credentials-invalid': { en: 'The credentials are not valid.', fr: 'Les identifiants ne sont pas valides.' },
  'signature-missing': {
    en: 'This source signs its requests: send webhook-id, webhook-timestamp and webhook-signature.',
    fr: 'Cette source signe ses requêtes : envoyez webhook-id, webhook-timestamp et webhook-signature.',
  },
  'signature-invalid': {
    en: 'The webhook signature does not match.',
    fr: 'La signature du webhook ne correspond pas.',
  },
  'signature-timestamp': {
    en: 'The webhook timestamp is more than 5 minutes away from the server clock.',
    fr: "L'horodatage du webhook s'écarte de plus de 5 minutes de l'horloge du serveur.",
  },
  'role-required': {
    en: 'Your key does not have the role this operation needs.',
    fr: "Votre clé n'a pas le rôle requis pour cette opération.",
  },
  'record-not-found': { en: 'No such record.', fr: "Cet enregistrement n'existe pas." },
  'source-not-found': { en: 'No such source.', fr: "Cette source n'existe pas." },
  'mapping-version-not-found': {
    en: 'No such mapping version for this source.',
    fr: "Cette version de correspondance n'existe pas pour cette source.",
  },
  'person-not-found': {
    en: 'No such person, or none of its records is yours.',
    fr: "Cette personne n'existe pas, ou aucun de ses enregistrements n'est le vôtre.",
  },
  'review-decided': {
    en: 'This review was already decided; split or merge the persons instead.',
    fr: 'Cette révision a déjà été tranchée ; séparez ou fusionnez plutôt les personnes.',
  },
  'merge-same-person': {
    en: 'A person cannot be merged into itself.',
    fr: 'Une personne ne peut pas être fusionnée avec elle-même.',
  },
  'review-not-found': { en: 'No such review item.', fr: "Cet élément de révision n'existe pas." },
  'service-not-found': { en: 'No such service.', fr: "Ce service n'existe pas." },
  'service-version-conflict': {
    en: 'The service has changed since you read it: read it again and send its current version.',
    fr: 'Le service a changé depuis votre lecture : relisez-le et envoyez sa version actuelle.',
  },
  'no-eligible-service': {
    en: 'No service meets every criterion of this referral; errors names the criterion that ruled out the last ones.',
    fr: 'Aucun service ne remplit tous les critères de cette référence ; errors nomme le critère qui a écarté les derniers.',
  },
  'several-eligible-services': {
    en: 'Several services meet every criterion; choose one of candidates.',
    fr: 'Plusieurs services remplissent tous les critères ; choisissez-en un parmi candidates.',
  },
  'rate-limited': {
    en: 'Too many searches; retry after Retry-After seconds.',
    fr: 'Trop de recherches ; réessayez après Retry-After secondes.',
  },
  'key-not-found': { en: 'No such API key.', fr: "Cette clé d'API n'existe pas." },
  'secret-not-found': { en: 'No such signing secret.', fr: "Ce secret de signature n'existe pas." },
  'already-exists': { en: 'An object with this id already exists.', fr: 'Un objet avec cet identifiant existe déjà.' },
  'source-not-signing': {
    en: 'This source authenticates with API keys, not signatures.',
    fr: "Cette source s'authentifie par clé d'API, pas par signature.",
  },
  'last-secret': {
    en: 'Add a new secret before removing the last one.',
    fr: 'Ajoutez un nouveau secret avant de retirer le dernier.',
  },
  'route-not-found': { en: 'No such route.', fr: "Cette route n'existe pas." },
  'method-not-allowed': {
    en: 'This route does not accept this method.',
    fr: "Cette route n'accepte pas cette méthode.",
  },
  'idempotency-key-reused': {
    en: 'This webhook-id was already used with a different body.',
    fr: 'Ce webhook-id a déjà été utilisé avec un autre contenu.',
  },
  'idempotency-in-progress': {
    en: 'A request with this webhook-id is being processed; retry later.',
    fr: 'Une requête avec ce webhook-id est en cours de traitement ; réessayez plus tard.',
  },
  'invalid-cursor': {
    en: 'The cursor is not valid for this query.',
    fr: "Le curseur n'est pas valide pour cette requête.",
  },
  'storage-unavailable': {
    en: 'Storage is temporarily unavailable; retry later. Records already accepted are kept, and a retry is safe.',
    fr: 'Le stockage est temporairement indisponible ; réessayez plus tard. Les enregistrements déjà acceptés sont conservés et une nouvelle tentative est sans risque.',
  },
  'fhir-server-unavailable': {
    en: 'Your FHIR server did not answer the search, or refused it; nothing was applied and the pull can be run again.',
    fr: "Votre serveur FHIR n'a pas répondu à la recherche, ou l'a refusée ; rien n'a été appliqué et la lecture peut être relancée.",
  },
  'referral-not-found': {
    en: 'No such referral, or not one your organisation sent or received.',
    fr: "Cette référence n'existe pas, ou votre organisation ne l'a ni envoyée ni reçue.",
  },
  'consent-record-not-found': {
    en: 'Your organisation sent no referral under this consent record.',
    fr: "Votre organisation n'a envoyé aucune référence sous ce formulaire de consentement.",
  },
  'referral-closed': {
    en: 'The referral is closed (rejected, cancelled, completed or failed); its status can no longer change.',
    fr: 'La référence est close (refusée, annulée, terminée ou échouée) ; son statut ne peut plus changer.',
  },
  'referral-transition-not-allowed': {
    en: 'This status cannot follow the current one; GET the referral to see its status and the next allowed ones.',
    fr: 'Ce statut ne peut pas suivre le statut actuel ; lisez la référence (GET) pour voir son statut et les suivants permis.',
  },
  'referral-transition-not-yours': {
    en: 'Only the other organisation of this referral may make this change.',
    fr: "Seule l'autre organisation de cette référence peut faire ce changement.",
  },
  'referral-version-conflict': {
    en: 'The referral changed meanwhile; read it again and retry.',
    fr: 'La référence a changé entre-temps ; relisez-la et réessayez.',
  },
  'consent-required': {
    en: 'The referral is not covered by the recorded consent; errors names each field.',
    fr: "La référence n'est pas couverte par le consentement enregistré ; errors nomme chaque champ.",
  },
  'statistics-dimension-not-allowed': {
    en: 'Across organisations, this deployment shows the organisation dimension only to the organisations it lists.',
    fr: "Entre organisations, ce déploiement ne montre la dimension organisation qu'aux organisations qu'il désigne.",
  },
  'consent-override-needs-admin': {
    en: "A consent override needs a key with the organisation's admin role.",
    fr: "Une dérogation au consentement demande une clé ayant le rôle admin de l'organisation.",
  },
  internal: {
    en: 'An unexpected error occurred. It has been logged.',
    fr: "Une erreur inattendue s'est produite. Elle a été journalisée.",
  },
};
