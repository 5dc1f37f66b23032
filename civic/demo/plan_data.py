"""Demo content: the smart-city master plan of a Toulouse-like metropolis (original text).

Each axis is a dict with its flagship projects under "projects"; bodies, objectives and
indicators are Markdown. Slugs are the identity used by `seed-demo --force`.
"""
from __future__ import annotations

from textwrap import dedent


def md(text: str) -> str:
    return dedent(text).strip()


AXES = [
    {
        "slug": "donnees-et-services-numeriques",
        "title": "Données et services numériques",
        "summary": "Des données publiques ouvertes, fiables et utiles, et des services "
                   "en ligne simples pour toutes les démarches du quotidien.",
        "body": md("""
            Les données produites par la Métropole et ses partenaires sont un bien commun.
            Cet axe organise leur ouverture, leur qualité et leur réutilisation, dans le
            respect de la vie privée, et refond les services numériques autour des besoins
            réels des habitantes et des habitants.
        """),
        "objectives": md("""
            - Ouvrir par défaut les données publiques non personnelles
            - Garantir la souveraineté et la sécurité des données du territoire
            - Simplifier les démarches en ligne sans exclure personne
        """),
        "indicators": md("""
            - Nombre de jeux de données ouverts et mis à jour
            - Part des démarches réalisables en ligne
            - Satisfaction des usagers des services numériques
        """),
        "projects": [
            {
                "slug": "plateforme-donnees-ouvertes",
                "title": "Plateforme de données ouvertes métropolitaine",
                "summary": "Un portail unique pour publier, documenter et réutiliser les "
                           "données de la Métropole, des communes et des opérateurs.",
                "body": md("""
                    La plateforme rassemble les données aujourd'hui dispersées entre les
                    services : horaires et fréquentation des transports, équipements publics,
                    consommation énergétique des bâtiments, qualité de l'air, budget.

                    **Ce que nous allons faire :**

                    - publier chaque jeu de données avec une documentation et une licence ouverte ;
                    - proposer des API temps réel pour les données qui changent souvent ;
                    - accompagner les associations et les startups qui réutilisent les données.
                """),
                "objectives": md("""
                    - 300 jeux de données ouverts d'ici trois ans
                    - Des mises à jour automatiques plutôt que des exports ponctuels
                    - Une charte de qualité commune à tous les producteurs
                """),
                "indicators": md("""
                    - Nombre de jeux de données publiés et leur fraîcheur
                    - Nombre d'appels aux API par mois
                    - Nombre de réutilisations recensées
                """),
            },
            {
                "slug": "guichet-numerique-unique",
                "title": "Guichet numérique unique des démarches",
                "summary": "Un compte unique pour suivre ses démarches auprès de la Métropole "
                           "et des communes, avec un accompagnement humain en cas de besoin.",
                "body": md("""
                    Inscription à la cantine, demande de bac de tri, signalement d'un
                    problème de voirie : chaque démarche a aujourd'hui son site. Le guichet
                    unique offre un suivi clair de chaque demande et un rappel par téléphone
                    pour celles et ceux qui le souhaitent.

                    Les parcours sont testés avec des habitants avant leur mise en ligne,
                    en priorité avec les personnes éloignées du numérique.
                """),
                "objectives": md("""
                    - Regrouper les 50 démarches les plus fréquentes
                    - Répondre à chaque demande dans un délai annoncé
                    - Respecter le référentiel d'accessibilité (RGAA)
                """),
                "indicators": md("""
                    - Délai moyen de traitement des demandes
                    - Taux d'abandon des démarches en ligne
                    - Score d'accessibilité des parcours
                """),
            },
            {
                "slug": "jumeau-numerique",
                "title": "Jumeau numérique du territoire",
                "summary": "Une maquette 3D vivante de la métropole pour simuler les projets "
                           "d'aménagement avant de les construire.",
                "body": md("""
                    Le jumeau numérique croise le cadastre, les réseaux, la végétation et les
                    données climatiques. Il permet de mesurer l'effet d'un nouvel immeuble
                    sur l'ensoleillement, d'un parc sur les îlots de chaleur ou d'un
                    changement de circulation sur le bruit.

                    Les simulations seront présentées en réunion publique pour que chacun
                    puisse comprendre et discuter les choix.
                """),
                "objectives": md("""
                    - Couvrir l'ensemble des communes de la métropole
                    - Utiliser le jumeau dans chaque grande concertation
                    - Publier les données 3D non sensibles
                """),
                "indicators": md("""
                    - Surface du territoire modélisée
                    - Nombre de projets étudiés avec le jumeau numérique
                    - Nombre de participants aux ateliers de simulation
                """),
            },
        ],
    },
    {
        "slug": "mobilites-intelligentes",
        "title": "Mobilités intelligentes",
        "summary": "Se déplacer plus facilement et proprement, en combinant transports en "
                   "commun, vélo, marche, autopartage et véhicules innovants.",
        "body": md("""
            La congestion et la pollution pèsent sur la santé et le temps de chacun. Cet
            axe mise sur l'information en temps réel, l'intermodalité et
            l'expérimentation de nouveaux services, en commençant par les quartiers et les
            communes les moins bien desservis.
        """),
        "objectives": md("""
            - Réduire la part des trajets en voiture individuelle
            - Offrir une information voyageurs fiable et unifiée
            - Expérimenter avant de généraliser
        """),
        "indicators": md("""
            - Part modale des transports en commun, du vélo et de la marche
            - Temps de trajet moyen domicile-travail
            - Émissions de CO₂ liées aux déplacements
        """),
        "projects": [
            {
                "slug": "navettes-autonomes",
                "title": "Navettes autonomes",
                "summary": "Des navettes électriques sans conducteur pour relier les zones "
                           "d'activité et les quartiers périphériques aux stations de métro.",
                "body": md("""
                    Une première ligne expérimentale reliera une zone d'activité
                    aéronautique à la station de métro la plus proche, aux heures où les bus
                    sont peu fréquents. Un opérateur de sécurité reste à bord pendant la
                    phase de test.

                    L'expérimentation mesurera la fiabilité, l'acceptation par les
                    passagers et le coût réel du service avant toute extension.
                """),
                "objectives": md("""
                    - Desservir le « dernier kilomètre » là où un bus n'est pas rentable
                    - Tester la cohabitation avec les piétons et les cyclistes
                    - Décider de la suite sur la base de résultats publiés
                """),
                "indicators": md("""
                    - Nombre de voyageurs par jour
                    - Taux de disponibilité du service
                    - Nombre d'incidents et d'arrêts d'urgence
                """),
            },
            {
                "slug": "mobilite-as-a-service",
                "title": "Mobilité as a service",
                "summary": "Une application unique pour planifier, réserver et payer tous "
                           "ses trajets : métro, tram, bus, vélo en libre-service, covoiturage.",
                "body": md("""
                    L'application calcule le meilleur itinéraire en combinant les modes, et
                    permet de payer avec un seul compte, avec un plafond mensuel qui garantit
                    de ne jamais payer plus qu'un abonnement.

                    Elle s'appuie sur les données ouvertes de la plateforme métropolitaine :
                    d'autres applications peuvent proposer le même service.
                """),
                "objectives": md("""
                    - Un seul titre de transport pour tous les modes
                    - Une tarification plafonnée et solidaire
                    - Une information voyageurs en temps réel
                """),
                "indicators": md("""
                    - Nombre d'utilisateurs actifs par mois
                    - Part des trajets combinant au moins deux modes
                    - Satisfaction des usagers
                """),
            },
            {
                "slug": "stationnement-intelligent",
                "title": "Stationnement intelligent",
                "summary": "Des capteurs et un guidage en temps réel vers les places libres "
                           "pour réduire le trafic de recherche de stationnement.",
                "body": md("""
                    Jusqu'à un tiers du trafic en centre-ville vient de conducteurs qui
                    cherchent une place. Des capteurs sur les places de livraison et pour les
                    personnes à mobilité réduite, puis dans les parkings relais, alimentent
                    un guidage sur panneaux et dans les applications.

                    Aucune image n'est enregistrée : les capteurs détectent seulement la
                    présence d'un véhicule.
                """),
                "objectives": md("""
                    - Réduire le trafic de recherche de place
                    - Mieux faire respecter les places réservées
                    - Remplir les parkings relais aux portes de la ville
                """),
                "indicators": md("""
                    - Temps moyen de recherche d'une place
                    - Taux d'occupation des parkings relais
                    - Taux d'occupation illicite des places réservées
                """),
            },
            {
                "slug": "carrefours-intelligents",
                "title": "Carrefours intelligents",
                "summary": "Des feux qui s'adaptent au trafic réel et donnent la priorité aux "
                           "bus, aux vélos et aux piétons.",
                "body": md("""
                    Sur les grands axes, les feux seront pilotés selon le trafic mesuré,
                    avec une priorité aux bus en retard et des temps de traversée allongés
                    près des écoles et des établissements pour personnes âgées.
                """),
                "objectives": md("""
                    - Améliorer la régularité des lignes de bus
                    - Sécuriser les traversées piétonnes
                    - Réduire les arrêts et redémarrages polluants
                """),
                "indicators": md("""
                    - Ponctualité des bus sur les axes équipés
                    - Nombre d'accidents aux carrefours équipés
                    - Temps d'attente moyen des piétons et des cyclistes
                """),
            },
        ],
    },
    {
        "slug": "energie-et-environnement",
        "title": "Énergie et environnement",
        "summary": "Consommer moins, produire local et renouvelable, et mesurer la qualité "
                   "de notre environnement pour mieux le protéger.",
        "body": md("""
            La Métropole s'est engagée à réduire fortement ses émissions de gaz à effet de
            serre. Le numérique n'est utile ici que s'il permet de consommer moins : chaque
            projet de cet axe mesure aussi son propre impact environnemental.
        """),
        "objectives": md("""
            - Réduire la consommation d'énergie du patrimoine public
            - Développer la production d'énergie renouvelable locale
            - Informer chacun sur la qualité de son environnement
        """),
        "indicators": md("""
            - Consommation d'énergie des bâtiments et équipements publics
            - Part d'énergie renouvelable produite sur le territoire
            - Nombre de jours de bonne qualité de l'air
        """),
        "projects": [
            {
                "slug": "reseaux-electriques-intelligents",
                "title": "Réseaux électriques intelligents",
                "summary": "Piloter production solaire, stockage et consommation à l'échelle "
                           "d'un quartier pour utiliser l'énergie produite sur place.",
                "body": md("""
                    Un premier quartier pilote associe des panneaux solaires sur les toits
                    publics, une batterie de quartier et des bornes de recharge pilotées. Les
                    habitants volontaires suivent leur consommation et peuvent décaler
                    certains usages aux heures de forte production solaire.
                """),
                "objectives": md("""
                    - Créer une première communauté d'énergie locale
                    - Consommer sur place l'essentiel de l'énergie produite
                    - Réduire les pointes de consommation du soir
                """),
                "indicators": md("""
                    - Taux d'autoconsommation du quartier pilote
                    - Nombre de foyers participants
                    - Réduction de la pointe de consommation
                """),
            },
            {
                "slug": "eclairage-public-connecte",
                "title": "Éclairage public connecté",
                "summary": "Des lampadaires LED pilotés à distance qui éclairent quand il le "
                           "faut, là où il le faut.",
                "body": md("""
                    Le remplacement progressif des lampadaires par des LED pilotables permet
                    d'abaisser l'intensité au cœur de la nuit, de détecter les pannes sans
                    attendre un signalement et de préserver des trames noires pour la
                    biodiversité.

                    Les horaires d'extinction sont décidés avec les communes et les
                    habitants, rue par rue.
                """),
                "objectives": md("""
                    - Diviser par deux la consommation de l'éclairage public
                    - Réparer les pannes en moins de 48 heures
                    - Protéger la faune nocturne le long des cours d'eau
                """),
                "indicators": md("""
                    - Consommation électrique de l'éclairage public
                    - Délai moyen de réparation des pannes
                    - Longueur de trames noires créées
                """),
            },
            {
                "slug": "capteurs-qualite-air",
                "title": "Capteurs qualité de l'air",
                "summary": "Un réseau de micro-capteurs près des écoles et des grands axes, "
                           "avec des mesures publiques en temps réel.",
                "body": md("""
                    Les stations officielles sont peu nombreuses. Des micro-capteurs,
                    étalonnés avec l'observatoire régional de la qualité de l'air, mesureront
                    particules fines et dioxyde d'azote devant les écoles, les crèches et le
                    long du périphérique.

                    Les mesures sont publiées en données ouvertes et expliquées simplement.
                """),
                "objectives": md("""
                    - Équiper en priorité les abords des écoles et des crèches
                    - Publier les mesures en temps réel
                    - Évaluer l'effet des mesures de circulation
                """),
                "indicators": md("""
                    - Nombre de capteurs en service
                    - Concentrations moyennes de NO₂ et de PM2,5 près des écoles
                    - Nombre de consultations des mesures publiées
                """),
            },
            {
                "slug": "gestion-intelligente-eau",
                "title": "Gestion intelligente de l'eau",
                "summary": "Détecter les fuites, arroser juste ce qu'il faut et anticiper les "
                           "sécheresses.",
                "body": md("""
                    Des compteurs communicants sur le réseau d'eau potable repèrent les
                    fuites en quelques heures. Dans les parcs, des sondes d'humidité du sol
                    déclenchent l'arrosage seulement lorsque les plantes en ont besoin.
                """),
                "objectives": md("""
                    - Réduire les pertes du réseau d'eau potable
                    - Économiser l'eau d'arrosage des espaces verts
                    - Mieux anticiper les restrictions estivales
                """),
                "indicators": md("""
                    - Rendement du réseau d'eau potable
                    - Volume d'eau d'arrosage par hectare d'espaces verts
                    - Délai moyen de détection d'une fuite
                """),
            },
        ],
    },
    {
        "slug": "ville-inclusive-et-participative",
        "title": "Ville inclusive et participative",
        "summary": "Une ville intelligente qui n'oublie personne et se construit avec ses "
                   "habitants.",
        "body": md("""
            Près d'une personne sur six rencontre des difficultés avec le numérique. Cet
            axe garantit que chaque service reste accessible autrement, et donne à chacun
            les moyens de proposer, de débattre et de décider.
        """),
        "objectives": md("""
            - Accompagner les personnes éloignées du numérique
            - Associer les habitants à chaque projet du schéma directeur
            - Rendre compte publiquement des décisions
        """),
        "indicators": md("""
            - Nombre de personnes accompagnées
            - Nombre de participants aux concertations
            - Part des propositions citoyennes ayant reçu une réponse
        """),
        "projects": [
            {
                "slug": "mediation-numerique",
                "title": "Médiation et inclusion numérique",
                "summary": "Des lieux et des médiateurs dans chaque quartier pour apprendre, "
                           "être aidé et s'équiper à petit prix.",
                "body": md("""
                    Les médiathèques, les centres sociaux et les maisons de quartier
                    accueillent des permanences avec des conseillers numériques. Des
                    ordinateurs reconditionnés sont proposés aux familles et aux étudiants
                    à faibles revenus.
                """),
                "objectives": md("""
                    - Un point d'accompagnement à moins de quinze minutes de chaque habitant
                    - Des ateliers adaptés aux seniors et aux personnes allophones
                    - Favoriser le réemploi du matériel informatique
                """),
                "indicators": md("""
                    - Nombre de personnes accompagnées par an
                    - Nombre d'ordinateurs reconditionnés distribués
                    - Couverture des quartiers prioritaires
                """),
            },
            {
                "slug": "budget-participatif",
                "title": "Budget participatif numérique",
                "summary": "Une part du budget d'investissement décidée par les habitants, "
                           "sur des projets qu'ils proposent eux-mêmes.",
                "body": md("""
                    Chaque année, les habitants déposent des idées, la Métropole vérifie leur
                    faisabilité avec eux, puis chacun vote en ligne ou dans les lieux
                    publics. Les projets lauréats sont suivis publiquement jusqu'à leur
                    réalisation.
                """),
                "objectives": md("""
                    - Faire participer tous les âges et tous les quartiers
                    - Permettre de voter en ligne et sur papier
                    - Réaliser les projets lauréats dans les deux ans
                """),
                "indicators": md("""
                    - Nombre de projets déposés et de votants
                    - Répartition des votants par quartier et par âge
                    - Part des projets lauréats réalisés dans les délais
                """),
            },
            {
                "slug": "laboratoire-des-usages-ouvert",
                "title": "Laboratoire des usages ouvert",
                "summary": "Tester les services de demain avec leurs futurs usagers, dans la "
                           "rue et dans les quartiers.",
                "body": md("""
                    Le Laboratoire des usages organise des tests en conditions réelles avec
                    des habitants volontaires, des associations, des chercheurs et des
                    entreprises. Chaque expérimentation se termine par un bilan public :
                    on continue, on adapte ou on arrête.
                """),
                "objectives": md("""
                    - Tester chaque nouveau service avant son déploiement
                    - Publier le bilan de chaque expérimentation
                    - Ouvrir le laboratoire aux propositions des habitants
                """),
                "indicators": md("""
                    - Nombre d'expérimentations menées et de participants
                    - Part des bilans publiés
                    - Nombre d'expérimentations issues de propositions citoyennes
                """),
            },
        ],
    },
    {
        "slug": "services-urbains-et-resilience",
        "title": "Services urbains et résilience",
        "summary": "Des services publics plus efficaces et un territoire mieux préparé aux "
                   "crues, aux canicules et aux crises.",
        "body": md("""
            Crues de la Garonne, épisodes de canicule, sécheresses : le territoire doit
            s'adapter. Les outils numériques aident à anticiper, à alerter et à organiser
            les services urbains au plus près des besoins.
        """),
        "objectives": md("""
            - Alerter vite et clairement en cas de crise
            - Optimiser les tournées des services urbains
            - Adapter la ville aux fortes chaleurs
        """),
        "indicators": md("""
            - Délai de diffusion des alertes
            - Kilomètres parcourus par les véhicules de service
            - Nombre d'îlots de fraîcheur accessibles
        """),
        "projects": [
            {
                "slug": "collecte-dechets-optimisee",
                "title": "Collecte des déchets optimisée",
                "summary": "Des conteneurs qui signalent leur remplissage pour adapter les "
                           "tournées de collecte.",
                "body": md("""
                    Les conteneurs de verre et d'emballages équipés de sondes de
                    remplissage permettent de planifier les tournées selon les besoins
                    réels : moins de camions sur les routes et moins de débordements.
                """),
                "objectives": md("""
                    - Supprimer les débordements de conteneurs
                    - Réduire les kilomètres parcourus par les camions de collecte
                    - Améliorer le tri grâce à une information locale
                """),
                "indicators": md("""
                    - Nombre de signalements de débordement
                    - Kilomètres parcourus par tonne collectée
                    - Taux de refus de tri
                """),
            },
            {
                "slug": "alerte-et-gestion-de-crise",
                "title": "Alerte et gestion de crise",
                "summary": "Prévenir chaque habitant en cas de crue, de canicule ou "
                           "d'accident, par le canal de son choix.",
                "body": md("""
                    Un système d'alerte multicanal (SMS, messagerie, appel vocal, panneaux)
                    complète les sirènes. Les capteurs de niveau des cours d'eau et les
                    prévisions météorologiques alimentent un tableau de bord partagé entre
                    les communes et les services de secours.
                """),
                "objectives": md("""
                    - Alerter en moins de dix minutes les habitants concernés
                    - Recenser les personnes vulnérables volontaires
                    - Partager une même vision de la crise entre acteurs
                """),
                "indicators": md("""
                    - Nombre d'habitants inscrits au service d'alerte
                    - Délai entre la décision d'alerte et sa réception
                    - Résultats des exercices annuels
                """),
            },
            {
                "slug": "ilots-de-fraicheur",
                "title": "Îlots de fraîcheur et confort d'été",
                "summary": "Cartographier la chaleur en ville et ouvrir des lieux frais "
                           "pendant les canicules.",
                "body": md("""
                    Des capteurs de température et des relevés satellites identifient les
                    rues les plus chaudes. La carte des lieux frais (parcs, médiathèques,
                    fontaines) est publiée en temps réel pendant les épisodes de canicule,
                    et guide la végétalisation des cours d'école.
                """),
                "objectives": md("""
                    - Un lieu frais accessible à moins de dix minutes à pied
                    - Végétaliser en priorité les rues les plus chaudes
                    - Informer pendant les épisodes de canicule
                """),
                "indicators": md("""
                    - Écart de température entre rues végétalisées et minérales
                    - Nombre de cours d'école désimperméabilisées
                    - Fréquentation des lieux frais pendant les canicules
                """),
            },
        ],
    },
]
