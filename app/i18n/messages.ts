/**
 * Every sentence the interface shows, in French (the default: the sites are in the French
 * Caribbean and Guiana) and English. A key missing in one language fails the type check.
 */
const fr = {
  appName: 'Archipel',
  tagline: 'Télé-AVC et téléradiologie pour les îles et la Guyane',
  signIn: {
    title: 'Connexion',
    email: 'Adresse e-mail',
    password: 'Mot de passe',
    submit: 'Se connecter',
    submitting: 'Connexion…',
    invalid: 'E-mail ou mot de passe incorrect.',
    rateLimited: 'Trop de tentatives. Réessayez dans quelques minutes.',
    unavailable: 'Le service est momentanément indisponible. Réessayez.',
  },
  shell: {
    home: 'Accueil',
    queue: 'File des cas',
    cases: 'Cas',
    archive: 'Archive',
    admin: 'Administration',
    signOut: 'Se déconnecter',
    language: 'English',
  },
  roles: {
    EMERGENCY_PHYSICIAN: 'Médecin urgentiste',
    NEUROLOGIST: 'Neurologue',
    RADIOLOGIST: 'Radiologue',
    COORDINATOR: 'Coordination',
    ADMIN: 'Administrateur',
  },
  home: {
    welcome: 'Bonjour',
    EMERGENCY_PHYSICIAN: 'Ouvrez un cas urgent et invitez le neurologue de garde.',
    NEUROLOGIST: 'Vos invitations et vos consultations en cours apparaissent ici.',
    RADIOLOGIST: 'Les examens de votre site et les cas où vous êtes invité.',
    COORDINATOR: 'Suivez en direct les cas ouverts de tous les sites.',
    ADMIN: 'Gérez les sites, les comptes et les jetons d’accès des modalités.',
    site: 'Site',
    region: 'Région',
    comingSoon: 'Cette partie de l’application arrive bientôt.',
  },
  admin: {
    title: 'Administration',
    forbidden: 'Cette page est réservée aux administrateurs.',
    tokens: 'Jetons d’accès API',
    tokensHelp:
      'Les modalités, visionneuses et scripts s’authentifient avec un jeton « Bearer » qui agit au nom d’un compte.',
    name: 'Nom',
    actingAs: 'Agit au nom de',
    expiresInDays: 'Expire dans (jours, vide = jamais)',
    create: 'Créer le jeton',
    created: 'Copiez ce jeton maintenant : il ne sera plus jamais affiché.',
    prefix: 'Début',
    lastUsed: 'Dernière utilisation',
    status: 'État',
    active: 'actif',
    revoked: 'révoqué',
    expired: 'expiré',
    revoke: 'Révoquer',
    never: 'jamais',
    invalid: 'Vérifiez le nom (1 à 100 caractères), le compte et la durée (1 à 3650 jours).',
    users: 'Comptes',
  },
};

export type Messages = typeof fr;

const en: Messages = {
  appName: 'Archipel',
  tagline: 'Tele-stroke and teleradiology for the islands and Guiana',
  signIn: {
    title: 'Sign in',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    invalid: 'Wrong e-mail or password.',
    rateLimited: 'Too many attempts. Try again in a few minutes.',
    unavailable: 'The service is briefly unavailable. Please try again.',
  },
  shell: {
    home: 'Home',
    queue: 'Case queue',
    cases: 'Cases',
    archive: 'Archive',
    admin: 'Administration',
    signOut: 'Sign out',
    language: 'Français',
  },
  roles: {
    EMERGENCY_PHYSICIAN: 'Emergency physician',
    NEUROLOGIST: 'Neurologist',
    RADIOLOGIST: 'Radiologist',
    COORDINATOR: 'Coordinator',
    ADMIN: 'Administrator',
  },
  home: {
    welcome: 'Hello',
    EMERGENCY_PHYSICIAN: 'Open an urgent case and invite the on-call neurologist.',
    NEUROLOGIST: 'Your invitations and ongoing consultations appear here.',
    RADIOLOGIST: 'Your site’s studies and the cases you are invited to.',
    COORDINATOR: 'Follow every open case across the sites, live.',
    ADMIN: 'Manage sites, accounts and the access tokens of modalities.',
    site: 'Site',
    region: 'Region',
    comingSoon: 'This part of the application is coming soon.',
  },
  admin: {
    title: 'Administration',
    forbidden: 'This page is for administrators only.',
    tokens: 'API access tokens',
    tokensHelp:
      'Modalities, viewers and scripts authenticate with a bearer token that acts on behalf of an account.',
    name: 'Name',
    actingAs: 'Acts as',
    expiresInDays: 'Expires in (days, empty = never)',
    create: 'Create token',
    created: 'Copy this token now: it will never be shown again.',
    prefix: 'Starts with',
    lastUsed: 'Last used',
    status: 'Status',
    active: 'active',
    revoked: 'revoked',
    expired: 'expired',
    revoke: 'Revoke',
    never: 'never',
    invalid: 'Check the name (1 to 100 characters), the account and the duration (1 to 3650 days).',
    users: 'Accounts',
  },
};

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const messages: Record<Locale, Messages> = { fr, en };
