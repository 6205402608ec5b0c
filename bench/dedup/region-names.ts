/**
 * The vocabulary of the population benchmark (population.ts): regions, towns and their quartiers or
 * collines, family names and prénoms, most common first. The lists are the head of each distribution;
 * `nameTail` composes the long tail of rare names from each region's own name parts, because real
 * registers hold thousands of names seen once and no hand-written list reaches that.
 */

export type RegionId = 'kasai' | 'katanga' | 'kivu' | 'kongo' | 'burundi';

export interface Town {
  province: string;
  /** The town or commune as a form's list writes it, then the spellings typed by hand. */
  spellings: readonly [string, ...string[]];
  localities: readonly string[];
}

export interface Region {
  id: RegionId;
  country: 'CD' | 'BI';
  /** Family names, most common first. */
  family: readonly string[];
  /** Prénoms of the region's own languages, slotted among the French and biblical ones. */
  givenFemale: readonly string[];
  givenMale: readonly string[];
  /** Name parts the tail of rare family names is composed from. */
  prefixes: readonly string[];
  stems: readonly string[];
  /** Most populous first. */
  towns: readonly Town[];
}

// prettier-ignore
const LUBA = [
  'Mukendi', 'Kabasele', 'Tshibangu', 'Kalonji', 'Ilunga', 'Mbuyi', 'Ngalula', 'Mwamba', 'Kabongo', 'Kazadi',
  'Lukusa', 'Mulumba', 'Tshimanga', 'Kanku', 'Ntumba', 'Mpoyi', 'Kayembe', 'Kabeya', 'Tshilombo', 'Kalala',
  'Tshiala', 'Mujinga', 'Kalombo', 'Kanyinda', 'Ngandu', 'Mulamba', 'Kabemba', 'Mpiana', 'Kasanji', 'Kapinga',
  'Mbombo', 'Lubaya', 'Nkongolo', 'Misenga', 'Tshibola', 'Muanza', 'Bitota', 'Bakajika', 'Kabamba', 'Katende',
  'Lumbala', 'Mukuna', 'Muamba', 'Tshilumba', 'Kapuku', 'Nkashama', 'Mbala', 'Luboya', 'Kabuya', 'Ngindu', 'Muteba',
  'Kankonde', 'Tshiamala', 'Kabangu', 'Mulaja', 'Kanda', 'Mutamba', 'Ntambwe', 'Ngoyi', 'Kasonga', 'Beya',
  'Tshisuaka', 'Nzeba', 'Kanyiki', 'Badibanga', 'Mbayi', 'Kamuanya', 'Tshitenge', 'Ciama', 'Musasa', 'Mpinga',
  'Kalambayi', 'Dikebele', 'Tshiunza', 'Mayamba', 'Kanyama', 'Kadima', 'Bukasa', 'Tshipamba', 'Lusamba',
];
// prettier-ignore
const KATANGA = [
  'Ilunga', 'Kasongo', 'Ngoy', 'Banza', 'Mwenze', 'Kyungu', 'Mumba', 'Kalenga', 'Mukalay', 'Numbi', 'Kapend',
  'Mwansa', 'Kitenge', 'Kalumba', 'Kyalwe', 'Mutonkole', 'Kisimba', 'Mulongo', 'Mwamba', 'Kasanda', 'Monga', 'Kabwe',
  'Chabu', 'Kapenda', 'Mbayo', 'Kibwe', 'Mpanga', 'Nawej', 'Mukonkole', 'Sambwe', 'Kasembe', 'Kilufya', 'Mufwankolo',
  'Kalasa', 'Mwilambwe', 'Kayumba', 'Kaumba', 'Nday', 'Mushimba', 'Kunda', 'Kahilu', 'Kyabu', 'Mutshail', 'Yav',
  'Mbuyu', 'Kapya', 'Musenge', 'Mwape', 'Chanda', 'Bwalya', 'Kazembe', 'Mutombo', 'Kabila', 'Kaseya', 'Ngoie',
  'Mukeya', 'Kalwa', 'Kyamba', 'Mwanza', 'Sapwe', 'Lenge', 'Mulenda', 'Kaunda', 'Tshombe', 'Kimba', 'Mukanda',
  'Kafwaya', 'Mwehu', 'Kalonda', 'Ngwej', 'Muland', 'Tshisola', 'Kasongo-Niembo', 'Mpundu', 'Kisula',
];
// prettier-ignore
const KIVU = [
  'Kambale', 'Kahindo', 'Masika', 'Kavira', 'Muhindo', 'Paluku', 'Kasereka', 'Mumbere', 'Bahati', 'Mugisho',
  'Bisimwa', 'Cirhuza', 'Bashige', 'Bulambo', 'Bagula', 'Mirindi', 'Murhula', 'Balagizi', 'Byamungu', 'Safari',
  'Shukuru', 'Kataliko', 'Katembo', 'Kakule', 'Masumbuko', 'Mbusa', 'Sikuli', 'Vagheni', 'Kahambu', 'Kanyere',
  'Kasoki', 'Ngabo', 'Munyakazi', 'Habimana', 'Mugabo', 'Rukundo', 'Maombi', 'Ombeni', 'Musafiri', 'Sadiki',
  'Hamuli', 'Habamungu', 'Ndagano', 'Lwaboshi', 'Kabuo', 'Mwisha', 'Riziki', 'Zawadi', 'Faraja', 'Amani',
  'Ntakobajira', 'Cibalonza', 'Kyakimwa', 'Mathe', 'Ushindi', 'Barhakomerwa', 'Chishibanji', 'Nabintu', 'Furaha',
  'Neema', 'Mapendo', 'Birindwa', 'Lukogo', 'Kalinda', 'Mbula', 'Muhima', 'Kambere', 'Syaghuswa', 'Kasiwa',
  'Kalwahali', 'Mastaki', 'Ngongo', 'Malisawa', 'Baguma', 'Tsongo', 'Sivanza', 'Kakira', 'Matabaro', 'Muderhwa',
];
// prettier-ignore
const KONGO = [
  'Nsimba', 'Makiese', 'Mavungu', 'Nzuzi', 'Matondo', 'Makengo', 'Mbala', 'Lutete', 'Kiala', 'Nlandu', 'Mabiala',
  'Luzolo', 'Ndombasi', 'Mpanzu', 'Nkanga', 'Vangu', 'Kinkela', 'Tsasa', 'Mayala', 'Diantete', 'Mbenza', 'Luyindula',
  'Makanzu', 'Nkuku', 'Diasonama', 'Kimpiatu', 'Malonga', 'Bokele', 'Bolenge', 'Mbongo', 'Ekofo', 'Mokonzi', 'Bongo',
  'Lokwa', 'Bolamba', 'Elonga', 'Nkoy', 'Lofembe', 'Bosenge', 'Likunda', 'Mputu', 'Ngoma', 'Kiese', 'Ndongala',
  'Nzinga', 'Lelo', 'Mpembele', 'Matuta', 'Mbemba', 'Kalunga', 'Lumbu', 'Nsumbu', 'Mayimona', 'Nkodia', 'Bazola',
  'Mafuta', 'Mbuta', 'Nzau', 'Kindembo', 'Lukombo', 'Mbiyavanga', 'Nganga', 'Massamba', 'Bafuidinsoni', 'Makuntima',
  'Ndonzuau', 'Mboyo', 'Ilonga', 'Bofaya', 'Efomi', 'Boketshu', 'Lokuli', 'Mbombi', 'Nkulu', 'Lombe',
];
// prettier-ignore
const KIRUNDI = [
  'Nduwimana', 'Niyonzima', 'Ndayishimiye', 'Hakizimana', 'Nshimirimana', 'Irakoze', 'Ndikumana', 'Mukeshimana',
  'Niyongabo', 'Bizimana', 'Havyarimana', 'Manirakiza', 'Nimbona', 'Ndayizeye', 'Nkurunziza', 'Ntahomvukiye',
  'Iradukunda', 'Niyonkuru', 'Butoyi', 'Ininahazwe', 'Ndayisenga', 'Nzeyimana', 'Niyibizi', 'Ndihokubwayo',
  'Nsengiyumva', 'Habonimana', 'Ntirampeba', 'Kwizera', 'Uwimana', 'Ndizeye', 'Nizigiyimana', 'Bigirimana', 'Ciza',
  'Nahimana', 'Minani', 'Kaneza', 'Ntakirutimana', 'Nibizi', 'Harerimana', 'Ndayikeza', 'Nzisabira', 'Ntunzwenimana',
  'Niyonsaba', 'Muhimpundu', 'Akimana', 'Arakaza', 'Bukuru', 'Gahungu', 'Hatungimana', 'Inamahoro', 'Irambona',
  'Kabura', 'Mbonimpa', 'Mpawenimana', 'Ndayiragije', 'Ndikuriyo', 'Niyokwizera', 'Ntwari', 'Nyandwi', 'Rurakamvye',
  'Sindayigaya', 'Sinzinkayo', 'Sibomana', 'Tuyishimire', 'Uwase', 'Girukwishaka', 'Nsabimana', 'Bukeyeneza',
  'Cishahayo', 'Dushimirimana', 'Hakorimana', 'Irankunda', 'Kubwimana', 'Manirambona', 'Ndabashinze', 'Ndagijimana',
  'Ngendakumana', 'Nibigira', 'Niyomwungere', 'Nkeshimana', 'Nzohabonayo', 'Sabushimike', 'Sinarinzi',
  'Bararunyeretse', 'Ntiranyibagira',
];

/** French and biblical prénoms shared by every region, most given first. */
// prettier-ignore
export const FRENCH_FEMALE = [
  'Marie', 'Grâce', 'Esther', 'Sarah', 'Rachel', 'Divine', 'Merveille', 'Patience', 'Christine', 'Joséphine', 'Ruth',
  'Bénédicte', 'Chantal', 'Gloria', 'Espérance', 'Francine', 'Nadège', 'Solange', 'Arlette', 'Ornella', 'Rebecca',
  'Deborah', 'Elisabeth', 'Jeanne', 'Anne', 'Claudine', 'Aline', 'Béatrice', 'Annie', 'Mireille', 'Micheline',
  'Madeleine', 'Bernadette', 'Thérèse', 'Cécile', 'Nadine', 'Sandrine', 'Jolie', 'Naomie', 'Miriam', 'Judith',
  'Prisca', 'Priscille', 'Dorcas', 'Lydie', 'Martha', 'Suzanne', 'Monique', 'Pascaline', 'Justine', 'Odette',
  'Clarisse', 'Berthe', 'Angélique', 'Charlotte', 'Joëlle', 'Rose', 'Rosette', 'Nathalie', 'Fabiola', 'Gisèle',
  'Régine', 'Yvonne', 'Vanessa', 'Carine', 'Sylvie', 'Dorothée', 'Agnès', 'Véronique', 'Albertine', 'Emmanuella',
  'Christiane', 'Glodie', 'Exaucée', 'Précieuse', 'Bienvenue', 'Gracia', 'Destinée', 'Blessing', 'Belvie', 'Benie',
  'Dorcelle', 'Irène', 'Laetitia', 'Lucie', 'Noëlla', 'Olive', 'Pauline', 'Rosine', 'Sifa', 'Tabitha',
  'Alphonsine', 'Anuarite', 'Clémentine', 'Colette', 'Delphine', 'Evelyne', 'Félicité', 'Germaine', 'Hortense',
  'Huguette', 'Jacqueline', 'Josée', 'Léonie', 'Liliane', 'Marceline', 'Marthe', 'Mathilde', 'Nicole', 'Odile',
  'Perpétue', 'Philomène', 'Régina', 'Sabine', 'Séraphine', 'Victorine', 'Virginie', 'Zoé', 'Anifa', 'Bora',
  'Charmante', 'Dieudonnée', 'Elodie', 'Fortunate', 'Gentille', 'Honorine', 'Ines', 'Joyeuse',
];
// prettier-ignore
export const FRENCH_MALE = [
  'Jean', 'Joseph', 'Emmanuel', 'Pierre', 'Dieudonné', 'Jonathan', 'Moïse', 'Daniel', 'David', 'Samuel', 'Claude',
  'Patrick', 'Héritier', 'Gloire', 'Exaucé', 'Glodi', 'Christian', 'Benjamin', 'Cédric', 'Désiré', 'Aimé',
  'Innocent', 'Élie', 'Paul', 'Jacques', 'André', 'Michel', 'Fiston', 'Trésor', 'Ezéchiel', 'Prince', 'Blaise',
  'Patient', 'Bienvenu', 'Précieux', 'Divin', 'Chance', 'Isaac', 'Josué', 'Eric', 'Olivier', 'Alain', 'Serge',
  'Didier', 'Francis', 'Gabriel', 'Guy', 'Henri', 'Hervé', 'Jérémie', 'Joël', 'Justin', 'Kevin', 'Laurent', 'Marc',
  'Mathieu', 'Nathan', 'Nicolas', 'Noé', 'Pascal', 'Philippe', 'Rodrigue', 'Raphaël', 'Richard', 'Robert', 'Simon',
  'Stéphane', 'Thomas', 'Victor', 'Abraham', 'Albert', 'Alexis', 'Ambroise', 'Antoine', 'Arsène', 'Augustin',
  'Barthélemy', 'Bernard', 'Boniface', 'Célestin', 'Charles', 'Clément', 'Damien', 'Delphin', 'Dominique', 'Edouard',
  'Emile', 'Espoir', 'Etienne', 'Faustin', 'Félix', 'Fidèle', 'Firmin', 'Florent', 'François', 'Gédéon', 'Georges',
  'Gilbert', 'Godefroid', 'Grégoire', 'Hubert', 'Ignace', 'Jérôme', 'Jules', 'Léon', 'Louis', 'Lucien', 'Marcel',
  'Martin', 'Maurice', 'Norbert', 'Oscar', 'Placide', 'Prosper', 'Remy', 'Roger', 'Sylvain', 'Théodore', 'Valentin',
  'Vincent', 'Yannick', 'Zacharie', 'Aristide', 'Christophe', 'Elysée', 'Fabrice', 'Gauthier', 'Lévi',
];
/** Compound prénoms: most are rare, and they are written with a hyphen, a space or neither. */
export const COMPOUND_FIRST = { female: ['Marie', 'Anne', 'Rose'], male: ['Jean', 'Jean-Marie', 'Pierre'] } as const;

/**
 * Nicknames in use beside or instead of a prénom: some follow one prénom (Mado for Madeleine), the
 * generic ones any child of that sex can carry. "Junior" marks a boy named after his father.
 */
export const NICKNAMES_OF: Readonly<Record<string, string>> = {
  Madeleine: 'Mado',
  Patrick: 'Patou',
  Patience: 'Patou',
  Joseph: 'Jojo',
  Josué: 'Jojo',
  Jonathan: 'Jojo',
  Gabriel: 'Gaby',
  Micheline: 'Mimi',
  Mireille: 'Mimi',
  Nadine: 'Nana',
  Dieudonné: 'Didi',
  Emmanuel: 'Manu',
  Christian: 'Chris',
  Christine: 'Chris',
  Alexis: 'Alex',
  Nathalie: 'Nath',
};
export const NICKNAMES = {
  female: ['Bijou', 'Chouchou', 'Dada', 'Mimi', 'Doudou', 'Lolo'],
  male: ['Fiston', 'Papy', 'Djo', 'Doudou', 'Bebeto', 'Toto'],
} as const;

/**
 * Names given to twins by custom, in birth order: Luba Mbuyi and Kabanga, Kongo Nsimba and Nzuzi,
 * Swahili Kulwa and Doto. They go in the post-nom (DRC), so twins then differ by prénom alone.
 */
export const TWIN_NAMES: Partial<Record<RegionId, readonly [string, string]>> = {
  kasai: ['Mbuyi', 'Kabanga'],
  katanga: ['Mbuyi', 'Kabanga'],
  kongo: ['Nsimba', 'Nzuzi'],
  kivu: ['Kulwa', 'Doto'],
};

// prettier-ignore
export const REGIONS: readonly Region[] = [
  {
    id: 'kasai',
    country: 'CD',
    family: LUBA,
    givenFemale: ['Ngalula', 'Mujinga', 'Kapinga', 'Mbuyi', 'Ntumba', 'Biuma', 'Mbombo', 'Tshiela'],
    givenMale: ['Kanku', 'Mbuyi', 'Tshibuabua', 'Kabasele', 'Ilunga', 'Kalonji'],
    prefixes: ['Ka', 'Mu', 'Tshi', 'Ba', 'Lu', 'Mbu', 'Ngo', 'Ki', 'Ma', 'Nku', 'Mpo', 'Ntu', 'Bi', 'Di', 'Ci'],
    stems: [
      'bala', 'lenga', 'mbwe', 'ndula', 'nyinga', 'sanga', 'tamba', 'yemba', 'konde', 'lumba', 'mvita', 'nkoko',
      'shiya', 'bidi', 'dimba', 'kenga', 'loba', 'yaya', 'zanga', 'kunda', 'bengi', 'sense', 'pumbu', 'ndamba',
    ],
    towns: [
      {
        province: 'Kasaï-Oriental',
        spellings: ['Mbuji-Mayi', 'Mbujimayi', 'Mbuji Mayi', 'MBUJI-MAYI'],
        localities: ['Dibindi', 'Bipemba', 'Muya', 'Diulu', 'Kanshi', 'Lukelenge', 'Bonzola', 'Nzaba'],
      },
      {
        province: 'Kasaï-Central',
        spellings: ['Kananga', 'KANANGA'],
        localities: ['Katoka', 'Ndesha', 'Lukonga', 'Nganza', 'Kele-Kele', 'Tshinsambi'],
      },
      { province: 'Kasaï', spellings: ['Tshikapa', 'Chikapa'], localities: ['Dibumba', 'Kanzala', 'Mbumba', 'Kele'] },
      {
        province: 'Lomami',
        spellings: ['Mwene-Ditu', 'Mwene Ditu', 'Mweneditu'],
        localities: ['Kanda-Kanda', 'Lac Mukamba', 'Kalenda'],
      },
    ],
  },
  {
    id: 'katanga',
    country: 'CD',
    family: KATANGA,
    givenFemale: ['Mujinga', 'Kyungu', 'Mwenze', 'Ngoie', 'Mbuyu'],
    givenMale: ['Ilunga', 'Kasongo', 'Banza', 'Ngoy', 'Numbi'],
    prefixes: ['Ka', 'Mu', 'Ki', 'Mwa', 'I', 'Ya', 'Ku', 'Nya', 'Se', 'Ma', 'Lu', 'Chi', 'Mbu', 'Ny', 'Kya'],
    stems: [
      'lenge', 'mbwa', 'sompe', 'yumba', 'fumba', 'tanda', 'bulu', 'songa', 'lwa', 'nzala', 'pemba', 'shala',
      'kanda', 'nyembo', 'senga', 'bemba', 'wezi', 'kumbi', 'lunga', 'sapu', 'mbidi', 'twite', 'limba', 'kulu',
    ],
    towns: [
      {
        province: 'Haut-Katanga',
        spellings: ['Lubumbashi', 'Loubumbashi', 'Lubumbasi', 'LUBUMBASHI'],
        localities: [
          'Kampemba', 'Katuba', 'Kenya', 'Kamalondo', 'Ruashi', 'Annexe', 'Kasapa', 'Tshamilemba', 'Bel-Air',
        ],
      },
      {
        province: 'Lualaba',
        spellings: ['Kolwezi', 'Kolwezy', 'KOLWEZI'],
        localities: ['Dilala', 'Manika', 'Kasulo', 'Mutoshi', 'Kanina', 'Musompo', 'Golf'],
      },
      {
        province: 'Haut-Katanga',
        spellings: ['Likasi', 'LIKASI'],
        localities: ['Kikula', 'Panda', 'Shituru', 'Kambove'],
      },
      { province: 'Tanganyika', spellings: ['Kalemie', 'Kalémie'], localities: ['Lac', 'Kataki', 'Kitali', 'Lukuga'] },
    ],
  },
  {
    id: 'kivu',
    country: 'CD',
    family: KIVU,
    givenFemale: ['Neema', 'Furaha', 'Zawadi', 'Sifa', 'Kahindo', 'Masika', 'Kavira', 'Mapendo', 'Riziki', 'Faraja'],
    givenMale: ['Amani', 'Baraka', 'Bahati', 'Shukuru', 'Kambale', 'Muhindo', 'Paluku', 'Safari', 'Ushindi'],
    prefixes: ['Ka', 'Ma', 'Mu', 'Ba', 'Bi', 'Nya', 'Si', 'Ci', 'Mi', 'Ki', 'Pa', 'Sa', 'Bu', 'Nta', 'Ru'],
    stems: [
      'hindo', 'sika', 'vira', 'mbere', 'luku', 'sereka', 'taliko', 'kule', 'tembo', 'rhuza', 'shige', 'lambo',
      'gula', 'rindi', 'hamba', 'ngabo', 'ngwe', 'sumbuko', 'himba', 'lisa', 'gheni', 'kengo', 'rhula', 'mwami',
    ],
    towns: [
      {
        province: 'Nord-Kivu',
        spellings: ['Goma', 'GOMA'],
        localities: ['Himbi', 'Katindo', 'Majengo', 'Mabanga', 'Ndosho', 'Mugunga', 'Katoyi', 'Keshero', 'Murara'],
      },
      {
        province: 'Sud-Kivu',
        spellings: ['Bukavu', 'Boukavou', 'BUKAVU'],
        localities: ['Kadutu', 'Ibanda', 'Bagira', 'Nyalukemba', 'Panzi', 'Nguba', 'Nyakavogo'],
      },
      {
        province: 'Nord-Kivu',
        spellings: ['Butembo', 'Boutembo'],
        localities: ['Kimemi', 'Vulamba', 'Mususa', 'Bulengera'],
      },
      {
        province: 'Sud-Kivu',
        spellings: ['Uvira', 'Ouvira'],
        localities: ['Kalundu', 'Kasenga', 'Kavimvira', 'Mulongwe'],
      },
      { province: 'Nord-Kivu', spellings: ['Beni', 'Béni'], localities: ['Mulekera', 'Beu', 'Bungulu', 'Ruwenzori'] },
      {
        province: 'Ituri',
        spellings: ['Bunia', 'Bounia'],
        localities: ['Mudzipela', 'Lumumba', 'Bankoko', 'Nyakasanza'],
      },
    ],
  },
  {
    id: 'kongo',
    country: 'CD',
    family: KONGO,
    givenFemale: ['Nsimba', 'Nzuzi', 'Matondo', 'Luzolo', 'Makiese', 'Ntoya'],
    givenMale: ['Nsimba', 'Nzuzi', 'Matondo', 'Mavungu', 'Lutete'],
    prefixes: ['Ma', 'Nsi', 'Lu', 'Nla', 'Ki', 'Mbe', 'Ndo', 'Vu', 'Di', 'Nko', 'Bo', 'Mpa', 'Ba', 'Ngu', 'E'],
    stems: [
      'kiese', 'vungu', 'samba', 'ndu', 'ala', 'nza', 'mbasi', 'zolo', 'yala', 'tete', 'nkela', 'lenge', 'kanga',
      'ngila', 'sonama', 'lunda', 'mpasi', 'futa', 'kuta', 'sala', 'wete', 'mbote', 'nsoni', 'koko',
    ],
    towns: [
      {
        province: 'Kinshasa',
        spellings: ['Kinshasa', 'KINSHASA', 'Kin'],
        localities: [
          'Kimbanseke', 'Masina', 'Ndjili', 'Ngaliema', 'Lemba', 'Kalamu', 'Makala', 'Bumbu', 'Selembao', 'Matete',
        ],
      },
      { province: 'Kongo-Central', spellings: ['Matadi', 'MATADI'], localities: ['Nzanza', 'Mvuzi', 'Matadi', 'Soyo'] },
      {
        province: 'Kongo-Central',
        spellings: ['Mbanza-Ngungu', 'Mbanza Ngungu'],
        localities: ['Noki', 'Ngungu', 'Disengomoka'],
      },
    ],
  },
  {
    id: 'burundi',
    country: 'BI',
    family: KIRUNDI,
    givenFemale: ['Ineza', 'Keza', 'Irakoze', 'Kaneza', 'Iradukunda', 'Uwase', 'Akimana', 'Gakobwa'],
    givenMale: ['Kwizera', 'Irakoze', 'Ndayishimiye', 'Iradukunda', 'Ntwari', 'Bukuru', 'Ciza'],
    prefixes: [
      'Ndi', 'Niyo', 'Nta', 'Haki', 'Bizi', 'Nsa', 'Mani', 'Ira', 'Ha', 'Nze', 'Ndu', 'Ngenda', 'Nsengi', 'Habo',
      'Sinda',
    ],
    stems: [
      'mana', 'nzima', 'kuru', 'ngabo', 'rimana', 'yumva', 'shimiye', 'kunda', 'kumana', 'wimana', 'zeye', 'ganza',
      'bwami', 'gira', 'mpaye', 'hoze', 'bona', 'kiza', 'ragije', 'senga', 'yizere', 'rutima', 'bazi', 'mvano',
    ],
    towns: [
      {
        province: 'Bujumbura Mairie',
        spellings: ['Bujumbura', 'Bujumbura-Mairie', 'Bujumbura Mairie'],
        localities: ['Kamenge', 'Kinama', 'Buterere', 'Musaga', 'Ngagara', 'Cibitoke', 'Bwiza', 'Buyenzi', 'Kanyosha'],
      },
      {
        province: 'Gitega',
        spellings: ['Gitega', 'Guitega'],
        localities: ['Magarama', 'Nyamugari', 'Shatanya', 'Mushasha'],
      },
      { province: 'Ngozi', spellings: ['Ngozi', 'NGOZI'], localities: ['Kinyami', 'Rubuye', 'Gatsinda', 'Mubuga'] },
      { province: 'Kirundo', spellings: ['Kirundo'], localities: ['Nyabikenke', 'Runyonza', 'Kigoma', 'Rugero'] },
      { province: 'Makamba', spellings: ['Makamba'], localities: ['Kayogoro', 'Nyanza-Lac', 'Mabanda', 'Rubimba'] },
    ],
  },
];

/**
 * Rare names composed from a region's prefixes and stems (Ka+lenga, Nsengi+yumva), joined once or twice,
 * in a fixed order, leaving out any already in `known`: the tail below the hand-written head.
 */
export function nameTail(region: Region, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set(known);
  const add = (name: string): void => {
    const proper = name[0]!.toUpperCase() + name.slice(1).toLowerCase();
    if (!seen.has(proper)) {
      seen.add(proper);
      out.push(proper);
    }
  };
  for (const stem of region.stems) for (const prefix of region.prefixes) add(prefix + stem);
  for (const second of region.stems)
    for (const first of region.stems) if (first !== second) add(region.prefixes[first.length % 3]! + first + second);
  return out;
}
