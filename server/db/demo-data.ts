import type { Role, SiteKind } from './generated/enums';

/** The three regions and nine pilot sites of the demo, and one account per role. */
export const DEMO_PASSWORD = 'archipel-demo';

export const demoRegions = [
  { code: 'MQ', name: 'Martinique' },
  { code: 'GP', name: 'Guadeloupe et Îles du Nord' },
  { code: 'GF', name: 'Guyane' },
] as const;

export const demoSites: {
  code: string;
  name: string;
  kind: SiteKind;
  region: string;
  timeZone: string;
  aeTitles: string[];
}[] = [
  {
    code: 'CHUM',
    name: 'CHU de Martinique',
    kind: 'UNIVERSITY_HOSPITAL',
    region: 'MQ',
    timeZone: 'America/Martinique',
    aeTitles: ['CHUM_CT1'],
  },
  {
    code: 'CHUG',
    name: 'CHU de Guadeloupe',
    kind: 'UNIVERSITY_HOSPITAL',
    region: 'GP',
    timeZone: 'America/Guadeloupe',
    aeTitles: ['CHUG_CT1'],
  },
  {
    code: 'CHC',
    name: 'Centre hospitalier de Cayenne',
    kind: 'HOSPITAL',
    region: 'GF',
    timeZone: 'America/Cayenne',
    aeTitles: ['CHC_CT1'],
  },
  {
    code: 'CHBT',
    name: 'CH de Basse-Terre',
    kind: 'HOSPITAL',
    region: 'GP',
    timeZone: 'America/Guadeloupe',
    aeTitles: ['CHBT_CT1'],
  },
  {
    code: 'CHOG',
    name: "CH de l'Ouest Guyanais",
    kind: 'HOSPITAL',
    region: 'GF',
    timeZone: 'America/Cayenne',
    aeTitles: ['CHOG_CT1'],
  },
  {
    code: 'CIML',
    name: "Centre d'imagerie du Lamentin",
    kind: 'IMAGING_CENTRE',
    region: 'MQ',
    timeZone: 'America/Martinique',
    aeTitles: ['CIML_CT1'],
  },
  {
    code: 'IMFF',
    name: 'Imagerie médicale de Fort-de-France',
    kind: 'IMAGING_CENTRE',
    region: 'MQ',
    timeZone: 'America/Martinique',
    aeTitles: ['IMFF_CT1'],
  },
  {
    code: 'CRSM',
    name: 'Centre de radiologie de Saint-Martin',
    kind: 'IMAGING_CENTRE',
    region: 'GP',
    timeZone: 'America/Marigot',
    aeTitles: ['CRSM_CT1'],
  },
  {
    code: 'CMCK',
    name: 'Centre médico-chirurgical de Kourou',
    kind: 'CLINIC',
    region: 'GF',
    timeZone: 'America/Cayenne',
    aeTitles: ['CMCK_CT1'],
  },
];

export const demoUsers: {
  email: string;
  name: string;
  role: Role;
  site: string;
  locale: string;
}[] = [
  {
    email: 'urgence@chu-martinique.demo',
    name: 'Dr Léa Marie-Sainte',
    role: 'EMERGENCY_PHYSICIAN',
    site: 'CHUM',
    locale: 'fr',
  },
  {
    email: 'neuro@chu-guadeloupe.demo',
    name: 'Dr Marc Lancry',
    role: 'NEUROLOGIST',
    site: 'CHUG',
    locale: 'fr',
  },
  {
    email: 'radio@ch-cayenne.demo',
    name: 'Dr Inès Bourgarel',
    role: 'RADIOLOGIST',
    site: 'CHC',
    locale: 'fr',
  },
  {
    email: 'coordination@archipel.demo',
    name: 'Sandrine Jean-Louis',
    role: 'COORDINATOR',
    site: 'CHUM',
    locale: 'fr',
  },
  {
    email: 'admin@archipel.demo',
    name: 'Admin Archipel',
    role: 'ADMIN',
    site: 'CHUM',
    locale: 'en',
  },
  {
    email: 'urgence@ch-cayenne.demo',
    name: 'Dr Paul Ho-A-Chuck',
    role: 'EMERGENCY_PHYSICIAN',
    site: 'CHC',
    locale: 'fr',
  },
  {
    email: 'neuro@chu-martinique.demo',
    name: 'Dr Claire Olive',
    role: 'NEUROLOGIST',
    site: 'CHUM',
    locale: 'en',
  },
];

/** Who answers for "the on-call neurologist" of each region in the demo. */
export const demoOnCall = [
  { region: 'GP', email: 'neuro@chu-guadeloupe.demo' },
  { region: 'MQ', email: 'neuro@chu-martinique.demo' },
  { region: 'GF', email: 'neuro@chu-martinique.demo' },
];
