/**
 * Concept cue lists, Dutch and English: the words and short phrases that signal a concept the
 * classifier reasons with (a problem, a time span, a refund demand, an accusation, a scam...).
 * Each concept becomes ONE language-independent feature, so a weight learned on English
 * complaints also fires on the Dutch cue of the same concept: that is how complaint detection
 * reaches Dutch, where no labelled complaints exist.
 *
 * Source: written by the webcare team for this project (our own work, MIT), from the complaint
 * and severity literature (Preoţiuc-Pietro et al. 2019; Jin & Aletras 2021), the webcare
 * articles in the project context, and everyday Dutch and English customer-service vocabulary.
 * Phrases are space-separated lower-case words as the tokenizer emits them ("n't" stays glued:
 * "didn't"). Keep entries short and general: a cue must mean the concept in any domain.
 */

/** A cue list per language. */
export interface CueList {
  en: readonly string[];
  nl: readonly string[];
}

const w = (s: string): string[] => s.split('|').map((x) => x.trim());

/** Word roles that steer the valence of their neighbours. */
export const ROLES = {
  negator: {
    en: w(
      "not|no|never|dont|don't|didnt|didn't|doesnt|doesn't|isnt|isn't|wasnt|wasn't|arent|aren't|werent|weren't|cant|can't|cannot|couldnt|couldn't|wont|won't|wouldnt|wouldn't|shouldnt|shouldn't|havent|haven't|hasnt|hasn't|hadnt|hadn't|aint|ain't|nothing|nobody|none|neither|nor|without|lack|lacks|lacking",
    ),
    nl: w('niet|geen|nooit|niks|niets|nergens|niemand|zonder|noch|allerminst|nimmer|geeneens|nie|ni'),
  },
  intensifier: {
    en: w(
      'very|so|really|too|extremely|absolutely|totally|completely|utterly|incredibly|super|such|most|highly|truly|seriously|insanely|ridiculously|damn|fucking|freaking|bloody|soo|hella|literally|especially|exceptionally',
    ),
    nl: w(
      'heel|echt|super|zo|zó|erg|enorm|ontzettend|vreselijk|verschrikkelijk|hartstikke|mega|kei|knetter|bere|best|zeer|hele|volledig|totaal|compleet|ongelooflijk|extreem|behoorlijk|bijzonder|werkelijk|zwaar|keihard|dik|flink|te|zoo',
    ),
  },
  diminisher: {
    en: w(
      'kinda|kind|sorta|somewhat|slightly|bit|little|barely|hardly|almost|quite|fairly|pretty|rather|partly|marginally',
    ),
    nl: w('beetje|ietwat|redelijk|vrij|nogal|enigszins|wat|tamelijk|haast|bijna|amper|nauwelijks|lichtelijk|ietsje'),
  },
  contrast: {
    en: w('but|however|though|although|yet|nevertheless|except|still'),
    nl: w('maar|echter|toch|alleen|hoewel|ondanks|behalve|desondanks|wel'),
  },
} as const satisfies Record<string, CueList>;

/**
 * Concepts. Each becomes one dense feature (a capped count). Order is the feature order of the
 * trained model: append new concepts at the end and retrain.
 */
export const CONCEPTS = {
  problem: {
    en: w(
      "broken|broke|breaks|faulty|defective|damaged|crashed|crashes|crashing|crash|error|errors|bug|bugs|glitch|glitches|outage|down|offline|fails|failed|failing|failure|stuck|lost|missing|delayed|delay|delays|cancelled|canceled|cancellation|overcharged|problem|problems|issue|issues|wrong|leaking|leak|dead|frozen|freezes|disconnected|disconnects|unusable|unable|trouble|malfunction|late|spoiled|stolen|incorrect|faulty|slow|expired|declined|locked|blocked|won't work|doesn't work|not working|stopped working|keeps crashing|can't log|cannot log|no signal|no service|no internet|no wifi|no power|no water|no heating|out of stock|sold out|unavailable|not available|no longer available|ripped|torn|cracked|scratched|bent|leaks|overheating|overheats|falling apart|fell apart|came apart|stopped|endless loop|keeps logging out|logged out|not loading|won't load|won't open|can't open|can't access|cannot access|can't connect|cannot connect|unreliable|restock|back in stock",
    ),
    nl: w(
      'kapot|stuk|defect|beschadigd|storing|storingen|uitval|uitgevallen|rijdt niet|rijden niet|stilgevallen|onderbreking|fout|foutmelding|error|probleem|problemen|vertraging|vertraagd|geannuleerd|annulering|vermist|kwijt|verloren|zoek|gecrasht|crasht|vastgelopen|hangt|traag|plat|eruit|lek|lekt|gelekt|mislukt|geweigerd|geblokkeerd|afgesloten|verkeerd|verkeerde|incorrect|beschadiging|te laat|doet het niet|werkt niet|werkt nog steeds niet|geen bereik|geen internet|geen verbinding|geen stroom|geen signaal|geen wifi|geen tv|geen water|geen warm water|ligt eruit|ligt plat|valt weg|valt uit|uitverkocht|niet leverbaar|niet op voorraad|niet beschikbaar|gescheurd|gebroken|barst|gebarsten|krassen|bekrast|verbogen|oververhit|valt uit elkaar|uit elkaar gevallen|gestopt|kan niet inloggen|laadt niet|start niet op|doet niks|kan geen verbinding',
    ),
  },
  functionVerb: {
    en: w(
      'work|works|working|worked|arrive|arrived|arriving|arrives|deliver|delivered|delivery|receive|received|respond|responded|responding|response|reply|replied|answer|answered|answering|load|loads|loading|connect|connected|connecting|show|showed|shown|come|came|turn|turned|fix|fixed|process|processed|refunded|charge|charging|sent|send|ship|shipped|update|updated|open|opens|start|starts|help|helped|call|called|back',
    ),
    nl: w(
      'werkt|werken|werkte|gewerkt|doet|aangekomen|aankomen|komt|kwam|gekomen|bezorgd|bezorgen|bezorging|geleverd|leveren|levering|ontvangen|ontvang|gekregen|krijg|reageren|gereageerd|reageert|reactie|antwoord|beantwoord|geantwoord|laden|laadt|verbinden|verbinding|opgelost|oplossen|verholpen|verstuurd|verzonden|teruggebeld|terugbellen|teruggestort|terugbetaald|opgepakt|geholpen|helpen|opent|start|opstarten',
    ),
  },
  persist: {
    en: w(
      'still|yet|again|anymore|any more|keeps|keep|kept|repeatedly|constantly|always|every time|once again|yet again|over and over|continues|ongoing',
    ),
    nl: w(
      'nog|steeds|nogsteeds|alweer|weer|opnieuw|telkens|elke keer|iedere keer|continu|constant|voortdurend|altijd|nog altijd|nog steeds|wederom|blijft|blijven',
    ),
  },
  timeUnit: {
    en: w(
      'seconds|minute|minutes|mins|min|hour|hours|hrs|hr|day|days|week|weeks|wks|month|months|year|years|ages|forever|weekend|yesterday|morning|tonight',
    ),
    nl: w(
      'seconden|minuut|minuten|min|kwartier|uur|uren|dag|dagen|week|weken|maand|maanden|jaar|jaren|eeuwen|eeuwigheid|weekend|gisteren|vanochtend|vanmorgen|vannacht',
    ),
  },
  since: {
    en: w('since|for|over|waited|waiting|wait|ago|already'),
    nl: w('sinds|al|sedert|gewacht|wachten|wacht|geleden|inmiddels|ondertussen|intussen'),
  },
  attempt: {
    en: w(
      'called|calling|rang|phoned|emailed|e-mailed|mailed|messaged|tweeted|dmed|dm|dms|chatted|contacted|tried|trying|attempt|attempts|complained|reported|times|ticket|case|escalated|several times',
    ),
    nl: w(
      'gebeld|bellen|gemaild|mailen|gemeld|melding|gechat|geprobeerd|proberen|contact|opgenomen|geklaagd|klacht|keer|keren|meerdere keren|zoveelste|ticket|ticketnummer|dossier|terugbelverzoek',
    ),
  },
  promise: {
    en: w(
      'promised|promise|promises|supposed|guaranteed|guarantee|told|assured|claimed|advertised|expected|expect|should have|should be|was told|were told|said it would',
    ),
    nl: w(
      'beloofd|belofte|beloftes|toegezegd|gegarandeerd|garantie|gezegd|verwacht|zou|zouden|hadden moeten|had moeten|volgens|afgesproken|afspraak|toezegging',
    ),
  },
  refund: {
    en: w(
      'refund|refunds|refunded|reimburse|reimbursement|compensation|compensate|chargeback|money back|my money|full refund|pay back|credit back',
    ),
    nl: w(
      'terugbetaling|terugbetalen|restitutie|compensatie|vergoeding|vergoeden|terugstorten|teruggestort|schadevergoeding|geld terug|mijn geld|retour|terugboeking',
    ),
  },
  why: {
    en: w('why|how come|wtf|whats going on|what is going on|what happened|seriously'),
    nl: w('waarom|hoezo|hoe kan het|hoe kan dat|wat is er aan de hand|wat gebeurt er|serieus|wtf'),
  },
  whenWhere: {
    en: w('when|where|how long|how much longer|whats happening|any update|any news|eta|status'),
    nl: w('wanneer|waar|hoelang|hoe lang|waar blijft|status|update|nieuws'),
  },
  csFail: {
    en: w(
      "nobody|no one|noone|ignored|ignoring|ignore|unanswered|hold|queue|rude|unhelpful|useless|hung up|no response|no reply|no answer|no help|no one answers|nobody answers|not answering|not responding|passed around|transferred|runaround|customer service|customer care|support|can't get anyone|cannot get anyone|no one to help|nobody to help|no one can help|nobody can help|still no answer|still no reply|left on read",
    ),
    nl: w(
      'niemand|genegeerd|negeren|wachtrij|onbereikbaar|onvriendelijk|afgescheept|afgewimpeld|opgehangen|doorverbonden|doorverwezen|van het kastje naar de muur|geen reactie|geen antwoord|geen hulp|niet bereikbaar|niet gereageerd|reageert niet|neemt niet op|niemand neemt op|klantenservice|klantendienst|helpdesk|webcare|niemand die helpt|niemand kan helpen|nog steeds geen antwoord|nog steeds geen reactie|nog niks gehoord|niks meer gehoord',
    ),
  },
  disappoint: {
    en: w(
      'disappointed|disappointing|disappointment|unacceptable|ridiculous|pathetic|joke|terrible|awful|horrible|worst|appalling|shocking|disgusting|furious|annoyed|annoying|frustrated|frustrating|fed up|sick of|tired of|poor|shoddy|rubbish|garbage|trash|sucks|suck|hate|useless|fail|fails|epicfail|nightmare|shambles|embarrassing|absurd|let down|let me down|letting me down|ruined|ruining|ruins|waste of money|waste of time|regret|never again',
    ),
    nl: w(
      'teleurgesteld|teleurgestelt|teleurstellend|teleurstelling|onacceptabel|onaanvaardbaar|belachelijk|belachlijk|schandalig|waardeloos|waardeloze|slecht|slechte|bagger|triest|zielig|bedroevend|ergerlijk|irritant|frustrerend|gefrustreerd|boos|woedend|balen|het zat|spuugzat|beu|kotsbeu|klote|kut|drama|ramp|rampzalig|faal|epicfail|vreselijk|verschrikkelijk|prutswerk|in de steek gelaten|laat me in de steek|verpest|verpesten|zonde van het geld|zonde van mijn tijd|spijt',
    ),
  },
  possessive: {
    en: w("my|mine|our|ours|myself|i|me|im|i'm|ive|i've|id|i'd"),
    nl: w("mijn|m'n|mn|ons|onze|ik|mij|me|mezelf|wij|we"),
  },
  second: {
    en: w("you|your|yours|youre|you're|u|ur|y'all|yall|you guys|you people"),
    nl: w('jullie|u|uw|je|jij|jouw|jou|julie'),
  },
  thanks: {
    en: w('thanks|thank|thx|ty|appreciate|appreciated|cheers|kudos|grateful|props|shoutout|shout out'),
    nl: w('bedankt|dank|dankjewel|dankuwel|dankje|merci|thanks|thx|top|compliment|complimenten|pluim|chapeau|dankbaar'),
  },
  infoQuestion: {
    en: w(
      'can i|could i|can you|could you|do you|does it|is there|are there|is it possible|how do i|how can i|how to|do i need|will there be|wondering|wondered|anyone know|any idea|what time|which|whats the|what is the|would it be',
    ),
    nl: w(
      'kan ik|kun je|kunnen jullie|kunt u|weet iemand|is het mogelijk|hoe kan ik|hoe moet ik|moet ik|mag ik|heeft iemand|welke|hoe laat|vraagje|vraag|is er|zijn er|klopt het',
    ),
  },
  leave: {
    en: w(
      'switching|switch|leaving|leave|cancel my|cancelling|canceling|unsubscribe|never again|last time|never use|never fly|never buy|never shop|boycott|taking my business|goodbye|done with|moving to|going to switch',
    ),
    nl: w(
      'opzeggen|opgezegd|overstappen|overstap|nooit meer|laatste keer|nooitmeer|vertrek|weg bij|klant af|boycot|nooit weer|ik stap over|ik ben weg|opzegging',
    ),
  },
  accuse: {
    en: w(
      'scam|scams|scammed|scammer|scammers|scamming|fraud|fraudulent|frauds|liar|liars|lie|lied|lies|lying|thief|thieves|stole|stolen|steal|stealing|robbed|robbery|robbing|criminal|criminals|crook|crooks|cheat|cheated|cheating|ripoff|rip-off|rip off|ripped off|con|conned|extortion|illegal|lawsuit|sue|suing|lawyer|deceived|deceptive|misleading|false advertising',
    ),
    nl: w(
      'oplichters|oplichter|oplichting|opgelicht|oplichterij|fraude|frauduleus|dieven|dief|diefstal|gestolen|stelen|steelt|leugenaars|leugenaar|gelogen|liegen|liegt|leugens|bedrog|bedrogen|bedriegers|criminelen|crimineel|afzetterij|afzetters|zakkenvullers|boeven|illegaal|advocaat|rechtszaak|aangifte|misleidend|misleiding|maffia',
    ),
  },
  blame: {
    en: w(
      'fault|blame|responsible|incompetent|incompetence|negligence|negligent|disgrace|disgraceful|shame|shameful|ashamed|your fault|shame on you|because of you|thanks to you|you guys|you people|you lot|your staff|your company|your service|your team|your employees|your driver|your agent|your app|your website|your product',
    ),
    nl: w(
      'schuld|verantwoordelijk|incompetent|incompetentie|nalatig|nalatigheid|schande|schandalig|schaam|schamen|jullie schuld|door jullie|dankzij jullie|schaam je|jullie medewerkers|jullie personeel|jullie bedrijf|jullie service|jullie app|jullie website|jullie monteur|jullie bezorger|prutsers|amateurs|sukkels|idioten',
    ),
  },
  profanity: {
    en: w(
      'fuck|fucking|fucked|fck|fuckin|shit|shitty|crap|crappy|damn|dammit|bullshit|wtf|ffs|omfg|hell|pissed|bs|screw|screwed|bloody|sucks|smh',
    ),
    nl: w(
      'kut|klote|kloten|godverdomme|gvd|verdomme|tering|tyfus|kanker|shit|fuck|fucking|kkr|kk|wtf|pleur|zak|eikels|hufters|hufter|kolere',
    ),
  },
  suggest: {
    en: w(
      'suggest|suggestion|suggestions|idea|ideas|feature|request|recommend|wish|should|would be nice|would be great|would love|it would be|why not|please add|you should|you guys should|consider|could you add|how about|what if|would be awesome|i wish|feature request|it would help',
    ),
    nl: w(
      'suggestie|suggesties|idee|ideetje|voorstel|tip|tips|wens|zou fijn zijn|zou mooi zijn|zou handig zijn|zou leuk zijn|het zou|misschien|graag zien|toevoegen|overwegen|waarom niet|wat als|kunnen jullie niet|zouden jullie|ik zou graag|is het een idee|jullie zouden|jullie moeten',
    ),
  },
  greeting: {
    en: w('hi|hello|hey|dear|morning|evening|hiya|greetings'),
    nl: w('hoi|hallo|hey|hee|goedemorgen|goedemiddag|goedenavond|beste|geachte|dag|heej|hai'),
  },
  // Categories (PRODUCT.md): one concept each, so the category model works in both languages.
  catDisruption: {
    en: w(
      'outage|down|offline|disruption|disrupted|delay|delayed|delays|late|cancelled|canceled|cancellation|cancelations|cancellations|strike|no signal|no service|no internet|no power|blackout|maintenance|service down|network|connection|connectivity|wifi|signal|reception|broadband|coverage|diverted|missed connection|stranded|grounded|late flight|weather',
    ),
    nl: w(
      'storing|storingen|uitval|onderbreking|vertraging|vertraagd|geannuleerd|annulering|rijdt niet|staking|onderhoud|geen internet|geen bereik|geen stroom|netwerk|verbinding|wifi|bereik|signaal|glasvezel|stroomstoring|wegwerkzaamheden|werkzaamheden|spoor|trein|treinen|te laat|gemist|overstap gemist',
    ),
  },
  catDelivery: {
    en: w(
      "delivery|delivered|deliver|package|parcel|parcels|shipping|shipment|shipped|courier|driver|tracking|tracked|dispatch|dispatched|arrived|arrive|postman|post|mail|luggage|baggage|bag|bags|suitcase|lost bag|damaged|lost|missing|never arrived|not arrived|hasn't arrived|never received|not received|return|returns",
    ),
    nl: w(
      'pakket|pakketje|pakketten|bezorging|bezorgd|bezorger|bezorgen|levering|geleverd|leveren|verzending|verzonden|koerier|track|trace|tracking|brievenbus|postbode|post|afhaalpunt|bagage|koffer|tas|zending|beschadigd|kwijt|vermist|niet bezorgd|niet geleverd|niet binnen|nog niet binnen|waar blijft|nooit ontvangen|niet ontvangen|bezorgdienst|retourneren|retour',
    ),
  },
  catBilling: {
    en: w(
      'bill|billing|billed|invoice|charge|charged|charges|overcharged|fee|fees|price|prices|pricing|cost|costs|expensive|payment|paid|pay|refund|refunds|money|debit|direct debit|credit card|card|subscription|bank|account balance|tariff|overcharge|double charged',
    ),
    nl: w(
      'rekening|factuur|facturen|afschrijving|afgeschreven|incasso|geïncasseerd|betaling|betaald|betalen|kosten|prijs|prijzen|tarief|duur|geld|terugbetaling|restitutie|abonnement|aanmaning|boete|incassobureau|bankrekening|creditcard|pinnen|overgemaakt|euro|eur',
    ),
  },
  catProduct: {
    en: w(
      'product|quality|broken|faulty|defective|battery|screen|update|app|software|bug|crash|crashes|feature|design|taste|food|meal|seat|seats|legroom|entertainment|comfort|dirty|smell|cold|broken seat|size|fit|device|phone|laptop|printer|car|engine|flight|plane',
    ),
    nl: w(
      'product|kwaliteit|kapot|defect|batterij|accu|scherm|update|app|software|bug|crasht|ontwerp|smaak|eten|stoel|stoelen|vies|smerig|koud|maat|apparaat|telefoon|toestel|laptop|printer|auto|motor|modem|router|decoder|kastje|boek|verhaal',
    ),
  },
  catCustomerService: {
    en: w(
      'customer service|service|support|staff|agent|agents|rep|representative|employee|employees|manager|rude|hold|on hold|wait|waiting|queue|line|lines|phone|call|called|calling|email|emailed|chat|response|respond|reply|answer|helpful|unhelpful|attendant|attendants|crew|gate agent|desk|counter|help',
    ),
    nl: w(
      'klantenservice|klantendienst|service|helpdesk|medewerker|medewerkers|personeel|webcare|onvriendelijk|wachten|wachtrij|wachttijd|gebeld|bellen|telefoon|mail|gemaild|chat|reactie|reageren|antwoord|behulpzaam|bereikbaar|onbereikbaar|doorverbonden|balie|conducteur|monteur|afspraak',
    ),
  },
  catBooking: {
    en: w(
      'booking|booked|book|reservation|reserve|reserved|order|ordered|orders|account|login|log in|sign up|password|contract|ticket|tickets|itinerary|seat assignment|change fee|rebook|rebooked|rebooking|reschedule|website|online|upgrade|miles|points|membership|checkin|check in|confirmation',
    ),
    nl: w(
      'boeking|geboekt|boeken|reservering|gereserveerd|reserveren|bestelling|besteld|bestellen|account|inloggen|wachtwoord|contract|abonnement|kaartje|kaartjes|ticket|tickets|omboeken|wijzigen|website|online|aanmelden|inschrijving|bevestiging|ov-chipkaart|ovchipkaart|klantnummer',
    ),
  },
  catPrivacy: {
    en: w(
      'privacy|data breach|breach|leak|leaked|hacked|hack|hacker|phishing|spam calls|scam calls|security|personal data|my data|gdpr|identity theft|unauthorized|unauthorised|stalking|tracking me|sold my data|cold calling|telemarketing',
    ),
    nl: w(
      'privacy|datalek|lek|gelekt|gehackt|hack|hacker|phishing|beveiliging|persoonsgegevens|mijn gegevens|avg|identiteitsfraude|ongevraagd|ongevraagde|telemarketing|gebeld door|belt steeds|nagebeld|verkoopgesprek',
    ),
  },
  // Spam (loan/crypto scams, contact-me, follow-for-follow, promotion).
  spamMoney: {
    en: w(
      'loan|loans|lender|lending|credit|interest rate|low interest|apr|crypto|bitcoin|btc|eth|ethereum|usdt|forex|binary options|invest|investment|investing|investor|profit|profits|income|earn|earning|cash|trading|trader|returns|payout|passive income|mining|wallet|nft|airdrop|financial freedom|guaranteed returns|daily profit|weekly profit',
    ),
    nl: w(
      'lening|leningen|geldlening|geldschieter|krediet|lage rente|rente|crypto|bitcoin|btc|beleggen|belegging|investering|investeren|winst|rendement|inkomen|verdienen|verdien|bijverdienen|geld verdienen|snel geld|handelen|trading|passief inkomen|financiële vrijheid|gegarandeerd rendement|wallet',
    ),
  },
  spamContact: {
    en: w(
      'whatsapp|whats app|telegram|signal|wickr|viber|contact me|contact him|contact her|contact them|dm me|inbox me|message me|text me|reach out|email him|email her|via email|hit me up|call or text|get in touch|dm for details|dm for info|dm for more|dm now|link in bio|link in my bio|check my bio',
    ),
    nl: w(
      'whatsapp|telegram|signal|neem contact|contact opnemen|stuur me|stuur een bericht|app me|bel me|mail me|dm mij|dm me|stuur een dm|via whatsapp|dm voor info|dm voor meer|link in bio',
    ),
  },
  spamFollow: {
    en: w(
      'f4f|follow4follow|followforfollow|followback|follow back|teamfollowback|l4l|like4like|likeforlike|follow me|followme|sub4sub|retweet to win|rt to win|gain followers|more followers|free followers|instant followers|followers|promote|promotion|shoutout for shoutout|s4s',
    ),
    nl: w('volg mij|volg me|terugvolgen|volgers|gratis volgers|meer volgers|volg terug|f4f|followback|like4like'),
  },
  spamPromo: {
    en: w(
      "free|win|winner|won|giveaway|prize|click|link in bio|limited offer|offer|discount|promo|promo code|coupon|sale|buy now|order now|sign up now|register now|guaranteed|legit|urgent|approved|instant|act now|dont miss|don't miss|congratulations|claim|bonus|cheap|best price|casino|bet|betting|viagra|weight loss|lose weight|sexy|onlyfans|dating|singles",
    ),
    nl: w(
      'gratis|winnen|winactie|gewonnen|prijs|klik|klik hier|link in bio|aanbieding|korting|kortingscode|actie|bestel nu|meld je aan|gegarandeerd|betrouwbaar|snel|direct|goedgekeurd|gefeliciteerd|claim|bonus|goedkoop|casino|gokken|afvallen|daten|singles',
    ),
  },
  // Irony that is reliable enough to use: praise phrases that customers use sarcastically.
  irony: {
    en: w(
      'gotta love|got to love|love how|love it when|thanks for nothing|great job|well done|nice one|just great|just perfect|so much for|thanks a lot|thanks a bunch|way to go|good job|bravo|what a joke|oh great|how nice|real nice|classy',
    ),
    nl: w(
      'bedankt hoor|dank je wel hoor|lekker dan|lekker bezig|goed bezig|top hoor|fijn hoor|mooi zo|chapeau hoor|weer top|weer eens|alweer top|knap hoor|wat een service|bravo hoor|geweldig hoor|super hoor',
    ),
  },
  // Appended (feature order): demands that something be done about it.
  demand: {
    en: w(
      'take action|fix this|fix it|sort it out|sort this out|do something|please explain|explain why|need your help|asap|urgent|urgently|bring back|put it back|make it right|step up',
    ),
    nl: w(
      'doe er iets aan|doe iets|los het op|los dit op|regel het|regel dit|graag uitleg|leg uit|zsm|asap|dringend|spoed|breng terug|terugbrengen|maak het goed',
    ),
  },
} as const satisfies Record<string, CueList>;

/** The name of a concept. */
export type Concept = keyof typeof CONCEPTS;

/** Number words that can stand for a count in "for two weeks" / "al drie dagen". */
export const NUMBER_WORDS: CueList = {
  en: w(
    'a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|few|couple|several|many|multiple|countless|48|24',
  ),
  nl: w(
    'een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|vijftien|twintig|dertig|paar|aantal|meerdere|vele|talloze|ruim|bijna|ongeveer',
  ),
};

/** Words after a number that count repetitions: "3 times", "3x", "5 keer". */
export const REPEAT_WORDS: CueList = {
  en: w('times|x|attempts|calls|emails|tries'),
  nl: w('keer|keren|x|maal|pogingen|telefoontjes|mails|mailtjes'),
};
