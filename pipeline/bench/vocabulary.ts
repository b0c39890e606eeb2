/**
 * The words the corpus generator builds chapters from: the journal's
 * bilateral relationships with their states, capitals, cities and people
 * (some the registry in sources/registry/ holds, some invented), and pools of
 * phrases for titles, headings, quotations and terms. Chinese and Russian
 * originals are given where the journal would print them.
 */

export interface Person {
  name: string;
  /** The title printed before the name ("Foreign Minister"). */
  title: string;
  /** The name in Chinese or Russian, printed in parentheses after it. */
  original?: string;
}

export interface Country {
  name: string;
  adjective: string;
  capital: string;
  cities: string[];
  people: Person[];
}

export interface Side {
  /** As the chapter title and chronology heading print it ("Southeast Asia"). */
  label: string;
  countries: Country[];
}

export interface Relationship {
  slug: string;
  sides: [Side, Side];
}

// Invented people: syllables and names composed per chapter, so that every
// chapter names people no other chapter and no registry entry has.
export const CHINESE_SURNAMES: [string, string][] = [
  ['Zhang', '张'], ['Liu', '刘'], ['Chen', '陈'], ['Zhao', '赵'], ['Sun', '孙'], ['Zhou', '周'], ['Wu', '吴'], ['Xu', '徐'],
  ['Gao', '高'], ['Lin', '林'], ['Guo', '郭'], ['He', '何'], ['Luo', '罗'], ['Song', '宋'], ['Tang', '唐'], ['Han', '韩'],
];
export const CHINESE_GIVEN: [string, string][] = [
  ['wei', '伟'], ['ming', '明'], ['hua', '华'], ['jun', '军'], ['ping', '平'], ['hong', '红'], ['guo', '国'], ['jian', '建'],
  ['hai', '海'], ['lei', '雷'], ['dong', '东'], ['bo', '波'], ['xin', '新'], ['yong', '勇'], ['qiang', '强'], ['feng', '峰'],
];
export const RUSSIAN_GIVEN: [string, string][] = [
  ['Alexei', 'Алексей'], ['Ivan', 'Иван'], ['Pavel', 'Павел'], ['Oleg', 'Олег'], ['Yuri', 'Юрий'], ['Mikhail', 'Михаил'],
  ['Boris', 'Борис'], ['Andrei', 'Андрей'], ['Viktor', 'Виктор'], ['Igor', 'Игорь'], ['Anna', 'Анна'], ['Olga', 'Ольга'],
];
export const RUSSIAN_FAMILY: [string, string][] = [
  ['Petrov', 'Петров'], ['Sokolov', 'Соколов'], ['Volkov', 'Волков'], ['Morozov', 'Морозов'], ['Orlov', 'Орлов'],
  ['Kuznetsov', 'Кузнецов'], ['Belov', 'Белов'], ['Zaitsev', 'Зайцев'], ['Lebedev', 'Лебедев'], ['Novikov', 'Новиков'],
  ['Fedorov', 'Федоров'], ['Gusev', 'Гусев'],
];
export const OTHER_GIVEN = ['Karen', 'Michael', 'Laura', 'David', 'Hiroshi', 'Takeshi', 'Yuki', 'Min-jun', 'Ji-woo', 'Arjun', 'Priya', 'Thanh', 'Maria', 'Rizal', 'Emma', 'Daniel'];
export const OTHER_FAMILY = ['Whitfield', 'Morita', 'Nakamura', 'Kim', 'Park', 'Sharma', 'Nguyen', 'Santos', 'Halim', 'Carter', 'Brennan', 'Tanaka', 'Choi', 'Rao', 'Lopez', 'Okafor'];
export const INVENTED_TITLES = ['Vice Foreign Minister', 'Deputy Defense Minister', 'Ambassador', 'Trade Minister', 'Commerce Minister', 'Energy Minister', 'Chief of General Staff', 'National Security Adviser'];

const country = (name: string, adjective: string, capital: string, cities: string[], people: Person[]): Country => ({ name, adjective, capital, cities, people });

const CHINA = country('China', 'Chinese', 'Beijing', ['Shanghai', 'Qingdao', 'Heihe', 'Tongjiang', 'Guangzhou', 'Xiamen', 'Harbin', 'Dalian'], [
  { name: 'Xi Jinping', title: 'President', original: '习近平' },
  { name: 'Li Keqiang', title: 'Premier', original: '李克强' },
  { name: 'Wang Yi', title: 'Foreign Minister', original: '王毅' },
  { name: 'Wei Fenghe', title: 'Defense Minister', original: '魏凤和' },
  { name: 'Yang Jiechi', title: 'Politburo member', original: '杨洁篪' },
  { name: 'Hua Chunying', title: 'Foreign Ministry spokesperson', original: '华春莹' },
  { name: 'Geng Shuang', title: 'Foreign Ministry spokesman', original: '耿爽' },
  { name: 'Wang Qishan', title: 'Vice President', original: '王岐山' },
]);
const RUSSIA = country('Russia', 'Russian', 'Moscow', ['St. Petersburg', 'Vladivostok', 'Sochi', 'Chelyabinsk', 'Blagoveshchensk', 'Kazan', 'Orenburg', 'Astrakhan'], [
  { name: 'Vladimir Putin', title: 'President', original: 'Владимир Путин' },
  { name: 'Dmitry Medvedev', title: 'Prime Minister', original: 'Дмитрий Медведев' },
  { name: 'Sergei Lavrov', title: 'Foreign Minister', original: 'Сергей Лавров' },
  { name: 'Sergei Shoigu', title: 'Defense Minister', original: 'Сергей Шойгу' },
  { name: 'Nikolai Patrushev', title: 'Security Council Secretary', original: 'Николай Патрушев' },
  { name: 'Maria Zakharova', title: 'Foreign Ministry spokesperson', original: 'Мария Захарова' },
  { name: 'Sergei Ryabkov', title: 'Deputy Foreign Minister', original: 'Сергей Рябков' },
]);
const US = country('United States', 'US', 'Washington', ['New York', 'Honolulu', 'San Francisco', 'Chicago', 'Seattle'], [
  { name: 'Donald Trump', title: 'President' },
  { name: 'Henry Kissinger', title: 'former Secretary of State' },
  { name: 'Karen Whitfield', title: 'Secretary of State' },
  { name: 'Thomas Aldridge', title: 'Defense Secretary' },
]);
const JAPAN = country('Japan', 'Japanese', 'Tokyo', ['Osaka', 'Yokohama', 'Kyoto', 'Fukuoka', 'Sapporo'], [
  { name: 'Kenji Arakawa', title: 'Prime Minister' },
  { name: 'Haruto Sugimoto', title: 'Foreign Minister' },
  { name: 'Aiko Tanabe', title: 'Defense Minister' },
]);
const SOUTH_KOREA = country('South Korea', 'South Korean', 'Seoul', ['Busan', 'Incheon', 'Daegu'], [
  { name: 'Lee Sung-ho', title: 'President' },
  { name: 'Kang Ji-won', title: 'Foreign Minister' },
  { name: 'Yoon Tae-min', title: 'Unification Minister' },
]);
const NORTH_KOREA = country('North Korea', 'North Korean', 'Pyongyang', ['Wonsan', 'Kaesong', 'Sinuiju'], [
  { name: 'Ri Chol-man', title: 'Foreign Minister' },
  { name: 'Pak Song-il', title: 'Premier' },
]);
const INDIA = country('India', 'Indian', 'New Delhi', ['Mumbai', 'Bengaluru', 'Chennai', 'Kolkata'], [
  { name: 'Amit Shah', title: 'Home Minister' },
  { name: 'Rajesh Menon', title: 'External Affairs Minister' },
  { name: 'Kavita Iyer', title: 'Defence Minister' },
]);
const VIETNAM = country('Vietnam', 'Vietnamese', 'Hanoi', ['Ho Chi Minh City', 'Da Nang', 'Haiphong'], [
  { name: 'Nguyen Van Thanh', title: 'Prime Minister' },
  { name: 'Tran Minh Duc', title: 'Foreign Minister' },
]);
const PHILIPPINES = country('Philippines', 'Philippine', 'Manila', ['Cebu', 'Davao'], [
  { name: 'Ramon Villanueva', title: 'President' },
  { name: 'Teresa Bautista', title: 'Foreign Secretary' },
]);
const INDONESIA = country('Indonesia', 'Indonesian', 'Jakarta', ['Surabaya', 'Bandung', 'Medan'], [
  { name: 'Budi Santoso', title: 'President' },
  { name: 'Retno Wulandari', title: 'Foreign Minister' },
]);
const CAMBODIA = country('Cambodia', 'Cambodian', 'Phnom Penh', ['Siem Reap', 'Sihanoukville'], [{ name: 'Sok Chenda', title: 'Prime Minister' }]);
const TAIWAN = country('Taiwan', 'Taiwanese', 'Taipei', ['Kaohsiung', 'Taichung', 'Tainan'], [
  { name: 'Lin Chia-hao', title: 'President', original: '林家豪' },
  { name: 'Chen Yi-ting', title: 'Mainland Affairs Council minister', original: '陈怡婷' },
]);
const AUSTRALIA = country('Australia', 'Australian', 'Canberra', ['Sydney', 'Melbourne', 'Perth', 'Darwin'], [
  { name: 'James Holloway', title: 'Prime Minister' },
  { name: 'Sarah Whitlam', title: 'Foreign Minister' },
]);

const side = (label: string, ...countries: Country[]): Side => ({ label, countries });
const rel = (slug: string, a: Side, b: Side): Relationship => ({ slug, sides: [a, b] });

export const RELATIONSHIPS: Relationship[] = [
  rel('china-russia', side('China', CHINA), side('Russia', RUSSIA)),
  rel('japan-china', side('Japan', JAPAN), side('China', CHINA)),
  rel('us-china', side('US', US), side('China', CHINA)),
  rel('us-japan', side('US', US), side('Japan', JAPAN)),
  rel('us-korea', side('US', US), side('Korea', SOUTH_KOREA, NORTH_KOREA)),
  rel('us-russia', side('US', US), side('Russia', RUSSIA)),
  rel('us-india', side('US', US), side('India', INDIA)),
  rel('us-southeast-asia', side('US', US), side('Southeast Asia', VIETNAM, PHILIPPINES, INDONESIA, CAMBODIA)),
  rel('china-southeast-asia', side('China', CHINA), side('Southeast Asia', VIETNAM, PHILIPPINES, INDONESIA, CAMBODIA)),
  rel('japan-korea', side('Japan', JAPAN), side('Korea', SOUTH_KOREA, NORTH_KOREA)),
  rel('china-korea', side('China', CHINA), side('Korea', SOUTH_KOREA, NORTH_KOREA)),
  rel('north-korea-south-korea', side('North Korea', NORTH_KOREA), side('South Korea', SOUTH_KOREA)),
  rel('china-taiwan', side('China', CHINA), side('Taiwan', TAIWAN)),
  rel('china-india', side('China', CHINA), side('India', INDIA)),
  rel('japan-russia', side('Japan', JAPAN), side('Russia', RUSSIA)),
  rel('australia-us', side('Australia', AUSTRALIA), side('US', US)),
];

export const MONTHS = [
  { full: 'January', short: 'Jan.' }, { full: 'February', short: 'Feb.' }, { full: 'March', short: 'March' },
  { full: 'April', short: 'April' }, { full: 'May', short: 'May' }, { full: 'June', short: 'June' },
  { full: 'July', short: 'July' }, { full: 'August', short: 'Aug.' }, { full: 'September', short: 'Sept.' },
  { full: 'October', short: 'Oct.' }, { full: 'November', short: 'Nov.' }, { full: 'December', short: 'Dec.' },
];

export const TITLE_OPENINGS = [
  'The Art and Agony of', 'Summits, Sanctions and', 'Bridges Too Far and', 'Partners in', 'Between Rivalry and', 'Old Friends and',
  'Pipelines, Ports and', 'Drills, Deals and', 'A Season of', 'Hedging Against', 'The Long Road to', 'Managing',
];
export const TITLE_ENDINGS = [
  'Avoiding an Alliance', 'Uncertain Times', 'Restraint', 'New Frontiers', 'Strategic Patience', 'Cautious Optimism', 'a Fragile Truce',
  'Competing Visions', 'Quiet Diplomacy', 'the Pandemic Year', 'Shifting Balances', 'Unfinished Business',
];
export const SECTION_HEADINGS = [
  'Summit Diplomacy', 'Bridges Too Far?', 'Energy and Pipelines', 'Military Ties Deepen', 'Trade Under Pressure', 'The Multilateral Track',
  'Security Dialogue', 'Beyond the Headlines', 'An Alliance in All but Name?', 'The View from the Capitals', 'Looking Ahead',
  'Technology and Space', 'Border Questions', 'People-to-People Exchanges', 'Sanctions and Their Limits', 'Maritime Frictions',
];
export const AFFILIATIONS = [
  'Wittenburg University', 'Pacific Forum', 'Georgetown University', 'Keio University', 'Seoul National University', 'National University of Singapore',
  'Australian National University', 'Naval Postgraduate School', 'University of Hawaii', 'RAND Corporation',
];
/** [family, given, printed family name first]. */
export const AUTHOR_NAMES: [string, string, boolean][] = [
  ['Yu', 'Bin', true], ['Grant', 'Evelyn', false], ['Hartley', 'Simon', false], ['Ito', 'Naomi', false], ['Cho', 'Daniel', false],
  ['Marsh', 'Rebecca', false], ['Ferreira', 'Lucas', false], ['Abe', 'Kazuko', false], ['Singh', 'Rohan', false], ['Walsh', 'Catherine', false],
  ['Osei', 'Kwame', false], ['Zhang', 'Lihua', true],
];

/** What the two sides do together: a noun phrase for a narrative sentence or an entry. */
export const TOPICS = [
  'trade and investment', 'energy cooperation', 'cross-border transportation', 'the digital economy', 'space cooperation',
  'maritime security', 'counterterrorism', 'public health', 'arms control', 'regional stability', 'agriculture and food security',
  'nuclear energy', 'scientific research', 'supply chains', 'climate change', 'humanitarian exchanges',
];
export const QUOTE_OPENINGS = [
  'our relations have reached', 'the partnership between our countries has entered', 'cooperation in every field has come to',
  'the dialogue between the two capitals is at', 'mutual trust has grown to', 'our ties are now at',
];
export const QUOTE_ENDINGS = [
  'the highest level in their history', 'a stage of steady and healthy development', 'a new level that serves both peoples',
  'a point where no external factor can shake them', 'a level we could not imagine a decade ago', 'a period of unprecedented opportunity',
];
export const QUOTE_WARNINGS = [
  'Complex and deep changes are taking place in the world', 'Nobody benefits from a new arms race', 'Sanctions only make our cooperation stronger',
  'The region needs dialogue, not confrontation', 'We will never accept interference in our domestic affairs', 'Unilateral actions undermine the international order',
];
/** Phrases the text gives with a Chinese or Russian original (terms). */
export const TERMS: { english: string; original: string }[] = [
  { english: 'win-win cooperation', original: '合作共赢' },
  { english: 'good-neighborliness', original: '睦邻友好' },
  { english: 'community of common destiny', original: '命运共同体' },
  { english: 'new type of major-country relations', original: '新型大国关系' },
  { english: 'strategic stability', original: 'стратегическая стабильность' },
  { english: 'multipolar world', original: 'многополярный мир' },
  { english: 'turn to the East', original: 'поворот на Восток' },
];
export const QUOTES_WITH_ORIGINAL: { english: string; original: string }[] = [
  { english: 'Cooperation has no limits', original: '合作没有止境' },
  { english: 'Mutual trust is the foundation', original: '互信是基础' },
  { english: 'We are good neighbors', original: 'Мы добрые соседи' },
  { english: 'Relations are at their highest level', original: 'Отношения находятся на самом высоком уровне' },
];
export const PROJECTS = ['gas pipeline', 'rail bridge', 'road bridge', 'oil pipeline', 'port terminal', 'power line', 'high-speed railway', 'undersea cable'];
export const FUNDS = ['joint investment fund', 'research and innovation fund', 'infrastructure fund', 'trade finance facility'];
export const SEAS = ['Sea of Japan', 'East China Sea', 'South China Sea', 'Yellow Sea', 'Gulf of Oman', 'Indian Ocean', 'Philippine Sea', 'Baltic Sea'];
export const EXERCISE_NAMES = ['Joint Sea', 'Peace Mission', 'Northern Shield', 'Ocean Guard', 'Steppe Eagle', 'Coastal Harmony', 'Sky Bridge', 'Pacific Dawn'];
export const FORUMS = ['Eastern Economic Forum', 'Valdai Forum', 'Shangri-La Dialogue', 'Beijing Xiangshan Forum', 'East Asia Summit', 'G20 summit', 'APEC summit', 'BRICS summit'];
export const AGENCIES = ['Xinhua', 'TASS', 'Reuters', 'Kyodo', 'Yonhap', 'Google Maps', 'Wikipedia'];

/** Analysts the registry holds, quoted in chapters on any relationship (as the journal quotes them across chapters). */
export const COMMENTATORS: { person: Person; country: Country }[] = [
  { person: { name: 'Dmitry Trenin', title: 'analyst', original: 'Дмитрий Тренин' }, country: RUSSIA },
  { person: { name: 'Vasily Kashin', title: 'analyst', original: 'Василий Кашин' }, country: RUSSIA },
  { person: { name: 'Sergei Karaganov', title: 'scholar', original: 'Сергей Караганов' }, country: RUSSIA },
  { person: { name: 'Henry Kissinger', title: 'former Secretary of State' }, country: US },
  { person: { name: 'Qiao Liang', title: 'Professor', original: '乔良' }, country: CHINA },
  { person: { name: 'Ji Zhiye', title: 'analyst', original: '季志业' }, country: CHINA },
  { person: { name: 'Li Shaoxian', title: 'analyst', original: '李绍先' }, country: CHINA },
];
/** Bodies the registry holds, on whose sidelines the two sides meet. */
export const VENUES = ['UN General Assembly', 'G20 summit', 'APEC summit', 'BRICS summit', 'Shanghai Cooperation Organization', 'WTO', 'East Asian Summit'];
