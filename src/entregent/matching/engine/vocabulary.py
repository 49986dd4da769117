"""A small bilingual vocabulary of related skills, needs and interests, written for Entregent.

Each concept groups the English and French ways people say the same thing, so that
"comptabilité" meets "bookkeeping" and "logo" meets "graphiste". Phrases are matched on
stems after stop words are removed, so "photos de produits" and "product photos" both find
`product_photography`. A phrase belongs to one concept only; concepts that are close but
not the same (photography and product photography) are linked in `RELATED`, which counts
for half.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Concept:
    """A group of phrases meaning the same skill or topic, with a label in each language."""

    key: str
    label_en: str
    label_fr: str
    phrases: tuple[str, ...]

    def label(self, language: str) -> str:
        """The concept's name in `language` ("fr…" for French, English otherwise)."""
        return self.label_fr if language.startswith("fr") else self.label_en


def _c(key: str, label_en: str, label_fr: str, phrases: str) -> Concept:
    return Concept(key, label_en, label_fr, tuple(p.strip() for p in phrases.split(";")))


CONCEPTS: tuple[Concept, ...] = (
    # Skills and services
    _c(
        "graphic_design",
        "graphic design",
        "graphisme",
        "graphic design; graphic designer; graphic designers; logo; logos; logo design; "
        "branding; brand identity; visual identity; brand design; rebrand; rebranding; "
        "graphiste; graphistes; graphisme; design graphique; identite visuelle; "
        "charte graphique; logotype; image de marque",
    ),
    _c(
        "product_photography",
        "product photography",
        "photographie de produits",
        "product photography; product photographer; product photos; product photo; "
        "product shots; product shot; product images; listing photos; packshot; packshots; "
        "photos produit; photo produit; photos de produits; photographie produit; "
        "photographie de produits; photographe produit; photos de mes produits; food photography; food photos; photos of dishes; dish photos; photos de plats; photographie culinaire; photos culinaires",
    ),
    _c(
        "photography",
        "photography",
        "photographie",
        "photography; photographer; photo shoot; photoshoot; headshots; portraits; "
        "photographe; photographie; shooting photo; seance photo; portrait",
    ),
    _c(
        "bookkeeping",
        "bookkeeping and accounting",
        "comptabilité",
        "bookkeeping; bookkeeper; accounting; accountant; accounts; invoicing; invoices; "
        "comptabilite; comptable; expert comptable; tenue des comptes; facturation; "
        "factures; compta",
    ),
    _c(
        "tax",
        "tax",
        "fiscalité",
        "tax; taxes; tax return; tax returns; vat; sales tax; fiscalite; impots; impot; "
        "tva; declaration fiscale; declaration d impots",
    ),
    _c(
        "finance",
        "finance",
        "finance",
        "finance; financial planning; financial model; cash flow; cfo; budgeting; "
        "tresorerie; finances; directeur financier; directrice financiere; budget; "
        "plan de financement; business plan",
    ),
    _c(
        "web_development",
        "web development",
        "développement web",
        "web development; web developer; web developers; website; websites; web site; "
        "web dev; landing page; wordpress; webflow; shopify; front end; frontend; "
        "full stack; fullstack; site web; sites web; site internet; developpeur web; "
        "developpeuse web; developpement web; developpeur; developpeuse; integrateur web; "
        "web developpeur",
    ),
    _c(
        "software",
        "software development",
        "développement logiciel",
        "software development; software developer; software engineer; software engineering; "
        "programming; programmer; coding; developer; developers; backend; back end; python; "
        "javascript; django; api; mobile app; ios app; android app; app development; "
        "logiciel; developpement logiciel; ingenieur logiciel; programmeur; programmation; "
        "application mobile; code",
    ),
    _c(
        "ux_design",
        "UX and product design",
        "design UX et produit",
        "ux; ui; ux design; ui design; ux designer; user experience; user interface; "
        "user research; product design; product designer; wireframes; prototypes; figma; "
        "experience utilisateur; interface utilisateur; ergonomie; maquettes; "
        "designer ux; recherche utilisateur",
    ),
    _c(
        "marketing",
        "marketing",
        "marketing",
        "marketing; digital marketing; marketer; growth; growth marketing; go to market; "
        "customer acquisition; email marketing; newsletter; campaigns; ads; advertising; "
        "marketing digital; acquisition client; publicite; campagnes; mercatique",
    ),
    _c(
        "seo",
        "search engine optimisation",
        "référencement",
        "seo; search engine optimization; search engine optimisation; google ranking; "
        "referencement; referencement naturel; visibilite google",
    ),
    _c(
        "social_media",
        "social media",
        "réseaux sociaux",
        "social media; instagram; tiktok; linkedin posts; community management; "
        "community manager; influencer; influencers; reseaux sociaux; influenceur; "
        "influenceuse; gestion des reseaux sociaux",
    ),
    _c(
        "copywriting",
        "copywriting and content",
        "rédaction et contenu",
        "copywriting; copywriter; copy; content writing; content writer; ghostwriting; "
        "blog posts; blog; writing; editing; proofreading; storytelling; "
        "redaction; redacteur; redactrice; concepteur redacteur; conceptrice redactrice; "
        "articles de blog; ecriture; relecture; correcteur; correctrice; contenu",
    ),
    _c(
        "translation",
        "translation",
        "traduction",
        "translation; translator; translations; localization; localisation; interpreter; "
        "traduction; traducteur; traductrice; traductions; interprete",
    ),
    _c(
        "legal",
        "legal advice",
        "conseil juridique",
        "legal; legal advice; lawyer; lawyers; attorney; contract; contracts; "
        "contract review; terms and conditions; gdpr; compliance; incorporation; "
        "avocat; avocate; avocats; juriste; conseil juridique; juridique; contrat; contrats; "
        "droit des affaires; cgv; rgpd; conformite; statuts",
    ),
    _c(
        "intellectual_property",
        "intellectual property",
        "propriété intellectuelle",
        "intellectual property; trademark; trademarks; patent; patents; copyright; "
        "propriete intellectuelle; marque deposee; depot de marque; brevet; brevets; "
        "droit d auteur; inpi; trademark registration; protect my brand; brand protection; proteger ma marque; protection de marque",
    ),
    _c(
        "fundraising",
        "fundraising",
        "levée de fonds",
        "fundraising; fund raising; raise funds; raising funds; raise money; seed round; "
        "pre seed; series a; investor; investors; venture capital; vc; vcs; angel investor; "
        "business angel; business angels; pitch deck; levee de fonds; lever des fonds; "
        "investisseur; investisseurs; investisseuse; capital risque; tour de table",
    ),
    _c(
        "grants",
        "grants and subsidies",
        "subventions",
        "grant; grants; grant writing; subsidy; subsidies; public funding; "
        "subvention; subventions; financement public; aides publiques",
    ),
    _c(
        "hiring",
        "hiring",
        "recrutement",
        "hiring; hire; recruiting; recruitment; recruiter; talent; headhunter; "
        "candidates; recrutement; recruter; recruteur; recruteuse; embauche; embaucher; "
        "chasseur de tetes; candidats",
    ),
    _c(
        "job_search",
        "a new job",
        "un nouvel emploi",
        "job; jobs; job search; new role; career change; career move; employment; "
        "work opportunity; emploi; poste; reconversion; changement de carriere; "
        "nouveau poste; opportunite professionnelle",
    ),
    _c(
        "sales",
        "sales",
        "vente",
        "sales; selling; business development; biz dev; lead generation; leads; "
        "prospecting; clients; customers; b2b sales; vente; ventes; commercial; "
        "commerciale; prospection; developpement commercial; clientele",
    ),
    _c(
        "ecommerce",
        "online shop",
        "boutique en ligne",
        "e commerce; ecommerce; online shop; online store; etsy; etsy shop; "
        "etsy listings; marketplace; boutique en ligne; vente en ligne; site marchand; "
        "boutique etsy",
    ),
    _c(
        "video",
        "video",
        "vidéo",
        "video; videos; video editing; video production; videographer; filming; "
        "motion design; youtube; video montage; montage video; videaste; realisation video; "
        "tournage",
    ),
    _c(
        "illustration",
        "illustration",
        "illustration",
        "illustration; illustrations; illustrator; drawing; comics; illustrateur; "
        "illustratrice; dessin; dessinateur; dessinatrice; bande dessinee",
    ),
    _c(
        "printing",
        "printing",
        "impression",
        "printing; printer; print shop; flyers; business cards; posters; imprimerie; "
        "imprimeur; impression; cartes de visite; affiches",
    ),
    _c(
        "packaging",
        "packaging",
        "emballage",
        "packaging; package design; boxes; labels; emballage; emballages; etiquettes; "
        "conditionnement",
    ),
    _c(
        "manufacturing",
        "manufacturing and sourcing",
        "fabrication et approvisionnement",
        "manufacturing; manufacturer; supplier; suppliers; factory; sourcing; production; "
        "fabrication; fabricant; fournisseur; fournisseurs; usine; approvisionnement; small batch; small batches; petites series; petite serie",
    ),
    _c(
        "data",
        "data and analytics",
        "données et analyse",
        "data; data analysis; data analyst; data science; data scientist; analytics; "
        "dashboards; dashboard; statistics; sql; donnees; analyse de donnees; "
        "science des donnees; tableaux de bord; tableau de bord; statistiques",
    ),
    _c(
        "ai",
        "artificial intelligence",
        "intelligence artificielle",
        "ai; artificial intelligence; machine learning; ml; llm; llms; genai; chatgpt; "
        "deep learning; intelligence artificielle; ia; apprentissage automatique",
    ),
    _c(
        "it_support",
        "IT and security",
        "informatique et sécurité",
        "it support; tech support; computer repair; network setup; cybersecurity; "
        "security audit; informatique; support informatique; depannage informatique; "
        "cybersecurite; securite informatique; reseau informatique",
    ),
    _c(
        "mentoring",
        "mentoring and coaching",
        "mentorat et accompagnement",
        "mentor; mentoring; mentorship; coaching; coach; career advice; mentorat; "
        "accompagnement; accompagner; conseils de carriere; mentore",
    ),
    _c(
        "public_speaking",
        "public speaking",
        "prise de parole",
        "public speaking; speaker; speakers; keynote; talks; conference talk; "
        "prise de parole; conferencier; conferenciere; intervenant; intervenante",
    ),
    _c(
        "events",
        "events",
        "événementiel",
        "event planning; event organization; event organisation; organizing events; "
        "organising events; meetup; meetups; venue; evenementiel; organisation d evenements; "
        "evenement; evenements; salle; event planner; event planners; seminar; seminars; seminaire; seminaires; offsite; offsites; corporate events; team building; trade show; trade shows; salon professionnel; salons professionnels; organisateur d evenements; organisatrice d evenements",
    ),
    _c(
        "workspace",
        "office space",
        "bureaux",
        "office space; office; coworking; co working; desk; studio space; workspace; "
        "bureau; bureaux; locaux; espace de travail; atelier partage",
    ),
    _c(
        "hr",
        "HR and payroll",
        "RH et paie",
        "payroll; hr; human resources; onboarding; employees; paie; ressources humaines; "
        "rh; salaries; fiches de paie",
    ),
    _c(
        "insurance",
        "insurance",
        "assurance",
        "insurance; insurer; health insurance; assurance; assurances; mutuelle; assureur",
    ),
    _c(
        "pr",
        "press and PR",
        "relations presse",
        "pr; press; public relations; journalist; journalists; media coverage; press release; "
        "relations presse; relations publiques; journaliste; journalistes; presse; medias; "
        "communique de presse",
    ),
    _c(
        "podcast",
        "podcasts",
        "podcasts",
        "podcast; podcasts; podcasting; audio; balado; emission audio",
    ),
    _c(
        "community",
        "community building",
        "animation de communauté",
        "community; community building; communities; communaute; communautes; "
        "animation de communaute",
    ),
    _c(
        "partnerships",
        "partnerships and distribution",
        "partenariats et distribution",
        "partnership; partnerships; partner; partners; distribution; distributor; "
        "distributors; retailers; stockists; partenariat; partenariats; partenaire; "
        "partenaires; distributeur; distributeurs; revendeurs",
    ),
    _c(
        "product_management",
        "product management",
        "gestion de produit",
        "product management; product manager; product owner; roadmap; product strategy; "
        "chef de produit; cheffe de produit; gestion de produit; feuille de route",
    ),
    _c(
        "project_management",
        "project management",
        "gestion de projet",
        "project management; project manager; agile; scrum; planning; chef de projet; "
        "cheffe de projet; gestion de projet; pilotage de projet",
    ),
    _c(
        "teaching",
        "teaching and training",
        "enseignement et formation",
        "teaching; teacher; training; trainer; workshops; workshop; "
        "enseignement; enseignant; enseignante; formation; formateur; formatrice; "
        "atelier; ateliers; online course; online courses",
    ),
    _c(
        "sustainability",
        "sustainability",
        "développement durable",
        "sustainability; sustainable; climate; green; carbon; circular economy; impact; "
        "developpement durable; durable; climat; ecologie; carbone; economie circulaire",
    ),
    # Personal interests: the common ground of small talk
    _c(
        "running",
        "running",
        "la course à pied",
        "running; runner; marathon; marathons; half marathon; jogging; trail running; "
        "trail; ultra; course a pied; coureur; coureuse; semi marathon; courir",
    ),
    _c(
        "cycling",
        "cycling",
        "le vélo",
        "cycling; cyclist; bike; bikes; biking; road bike; velo; cyclisme; cycliste",
    ),
    _c(
        "climbing",
        "climbing",
        "l'escalade",
        "climbing; bouldering; climber; escalade; grimpe; bloc; grimpeur; grimpeuse",
    ),
    _c(
        "hiking",
        "hiking",
        "la randonnée",
        "hiking; hike; hikes; trekking; mountains; randonnee; randonnees; rando; montagne",
    ),
    _c(
        "swimming",
        "swimming",
        "la natation",
        "swimming; swim; swimmer; natation; nager; nageur; nageuse; piscine",
    ),
    _c("yoga", "yoga", "le yoga", "yoga; meditation; mindfulness; meditation pleine conscience"),
    _c(
        "cooking",
        "cooking and baking",
        "la cuisine",
        "cooking; cook; baking; baker; sourdough; bread; recipes; cuisine; cuisiner; "
        "patisserie; levain; pain au levain; boulangerie; recettes",
    ),
    _c(
        "coffee",
        "coffee",
        "le café",
        "coffee; espresso; barista; specialty coffee; cafe; torrefaction; cafe de specialite",
    ),
    _c(
        "wine",
        "wine",
        "le vin",
        "wine; wines; winery; sommelier; vin; vins; oenologie; vignoble; vigneron",
    ),
    _c(
        "music",
        "music",
        "la musique",
        "music; musician; guitar; piano; band; concerts; jazz; musique; musicien; "
        "musicienne; guitare; groupe de musique",
    ),
    _c(
        "reading",
        "books",
        "les livres",
        "reading; books; book club; novels; lecture; livres; club de lecture; romans",
    ),
    _c(
        "dogs",
        "dogs",
        "les chiens",
        "dog; dogs; puppy; puppies; dog owner; chien; chiens; chiot; chienne",
    ),
    _c("cats", "cats", "les chats", "cat; cats; kitten; kittens; chaton; chatons"),
    _c(
        "travel",
        "travel",
        "les voyages",
        "travel; travelling; traveling; backpacking; voyage; voyages; voyager",
    ),
    _c(
        "gardening",
        "gardening",
        "le jardinage",
        "gardening; garden; allotment; plants; jardinage; jardin; potager; plantes",
    ),
    _c(
        "parenting",
        "being a parent",
        "être parent",
        "parenting; parent; kids; children; toddler; parentalite; enfants; bebe",
    ),
    _c(
        "board_games",
        "board games",
        "les jeux de société",
        "board games; boardgames; tabletop; jeux de societe; jeux de plateau",
    ),
    _c(
        "football",
        "football",
        "le football",
        "football; soccer; foot; five a side",
    ),
    # Added from the evaluation set's tuning split (bench/matching_eval.py --failures).
    _c(
        "english_lessons",
        "English lessons",
        "cours d'anglais",
        "english lessons; english classes; english courses; english teacher; learn english; "
        "business english; cours d anglais; cours anglais; professeur d anglais; "
        "anglais professionnel",
    ),
    _c(
        "french_lessons",
        "French lessons",
        "cours de français",
        "french lessons; french classes; french courses; french teacher; learn french; "
        "cours de francais; cours francais; francais langue etrangere; fle; "
        "professeur de francais",
    ),
    _c(
        "carpentry",
        "carpentry and custom furniture",
        "menuiserie et agencement",
        "carpentry; carpenter; joiner; joinery; woodworking; custom furniture; shop fittings; "
        "cabinet maker; menuisier; menuisiere; menuiserie; ebeniste; ebenisterie; "
        "agencement sur mesure; meubles sur mesure; mobilier sur mesure",
    ),
    _c(
        "sewing",
        "sewing and textiles",
        "couture et textile",
        "sewing; seamstress; tailor; alterations; garments; tote bag; tote bags; "
        "textile prototypes; couture; couturiere; couturier; retouches; "
        "prototypes textiles; confection",
    ),
    _c(
        "catering",
        "catering",
        "traiteur",
        "catering; caterer; caterers; buffet; traiteur; traiteurs; service traiteur",
    ),
    _c(
        "real_estate",
        "real estate",
        "immobilier",
        "real estate; estate agent; realtor; commercial lease; commercial leases; "
        "commercial property; agent immobilier; immobilier; local commercial; "
        "locaux commerciaux; bail commercial",
    ),
    _c(
        "interior_design",
        "interior design",
        "décoration d'intérieur",
        "interior design; interior designer; interior decorator; interior; shop design; "
        "store design; decoratrice d interieur; decorateur d interieur; "
        "decoration d interieur; architecte d interieur; amenagement interieur; "
        "amenagement de boutique; amenagement de boutiques",
    ),
)

# Close but distinct concepts: half credit when one side has one and the other the other.
RELATED: tuple[tuple[str, str], ...] = (
    ("photography", "product_photography"),
    ("graphic_design", "ux_design"),
    ("graphic_design", "illustration"),
    ("graphic_design", "packaging"),
    ("graphic_design", "printing"),
    ("web_development", "software"),
    ("web_development", "ux_design"),
    ("web_development", "ecommerce"),
    ("product_photography", "ecommerce"),
    ("marketing", "seo"),
    ("marketing", "social_media"),
    ("marketing", "copywriting"),
    ("marketing", "pr"),
    ("marketing", "sales"),
    ("bookkeeping", "tax"),
    ("bookkeeping", "finance"),
    ("finance", "fundraising"),
    ("fundraising", "grants"),
    ("legal", "intellectual_property"),
    ("hiring", "hr"),
    ("hiring", "job_search"),
    ("data", "ai"),
    ("software", "ai"),
    ("software", "data"),
    ("product_management", "ux_design"),
    ("product_management", "project_management"),
    ("mentoring", "teaching"),
    ("public_speaking", "events"),
    ("podcast", "pr"),
    ("community", "events"),
    ("manufacturing", "packaging"),
    ("partnerships", "sales"),
    ("video", "social_media"),
    ("copywriting", "translation"),
    ("running", "hiking"),
    ("catering", "events"),
    ("catering", "cooking"),
    ("real_estate", "workspace"),
    ("interior_design", "carpentry"),
    ("sewing", "manufacturing"),
    ("english_lessons", "teaching"),
    ("french_lessons", "teaching"),
)

CONCEPTS_BY_KEY: dict[str, Concept] = {concept.key: concept for concept in CONCEPTS}
