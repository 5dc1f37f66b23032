"""The fixed texts of the open-data package (French first, then English) and of its
DCAT description. They describe the data set itself, so they do not follow the visitor's
language: both languages are always given."""
from __future__ import annotations

from datetime import datetime

from civic.opendata import schema

KEYWORDS = ("participation citoyenne", "démocratie participative", "plan directeur",
            "ville intelligente", "propositions", "expérimentations", "smart city",
            "civic participation")

DESCRIPTION_FR = (
    "Les contributions publiques de la plateforme de participation de {metropolis} au plan "
    "directeur de la ville intelligente : propositions, commentaires, soutiens agrégés par "
    "jour, expérimentations et leurs évaluations, amendements, versions du plan, thèmes et "
    "organisations. Aucune donnée personnelle : ni adresse électronique, ni adresse IP, ni "
    "note interne ; les personnes n’apparaissent que par leur nom public.")
DESCRIPTION_EN = (
    "The public contributions to {metropolis}'s smart-city master plan made on its "
    "participation platform: proposals, comments, supports aggregated per day, experiments "
    "and their evaluations, amendments, plan versions, themes and organizations. No personal "
    "data: no e-mail or IP addresses, no internal notes; people appear only by their public "
    "display name.")


def title_fr(config) -> str:
    return f"Participation au plan directeur de {config['METROPOLIS_NAME']} ({config['SITE_NAME']})"


def title_en(config) -> str:
    return f"Participation in {config['METROPOLIS_NAME']}'s master plan ({config['SITE_NAME']})"


def _names_rule_fr(publish_names: bool) -> str:
    if publish_names:
        return ("Les personnes n’apparaissent que par leur nom public ; un compte supprimé "
                f"apparaît comme « {schema.DELETED_PARTICIPANT} ».")
    return "Aucun nom de personne n’est publié (colonnes « author » absentes)."


def _names_rule_en(publish_names: bool) -> str:
    if publish_names:
        return ("People appear only by their public display name; a deleted account appears "
                f"as “{schema.DELETED_PARTICIPANT}”.")
    return "No person's name is published (no “author” columns)."


def documents(config, created: datetime, publish_names: bool) -> dict[str, str]:
    """LICENCE.txt, LISEZMOI.txt (French) and README.txt (English), CRLF line ends."""
    stamp = created.strftime("%Y-%m-%d %H:%M:%S UTC")
    metropolis, base = config["METROPOLIS_NAME"], config["BASE_URL"]
    licence = config["OPEN_DATA_LICENSE_NAME"]
    url = config["OPEN_DATA_LICENSE_URL"]
    listing_fr = "\n".join(f"- data/{r['name']}.csv : {r['title']}" for r in schema.RESOURCES)
    listing_en = "\n".join(f"- data/{r['name']}.csv: {r['title_en']}" for r in schema.RESOURCES)
    texts = {
        "LICENCE.txt": f"""{licence}
{url}

Ces données sont publiées par {metropolis} sous la {licence}.
Vous pouvez les réutiliser librement, y compris à des fins commerciales, à condition
de mentionner leur source et la date de leur dernière mise à jour, par exemple :
« {metropolis}, plateforme de participation {config['SITE_NAME']}, données ouvertes
du {created:%d/%m/%Y} – {base}/open-data ».

These data are published by {metropolis} under the {licence} ({url}).
You may reuse them freely, including commercially, provided you credit the source and the
date of the last update.
""",
        "LISEZMOI.txt": f"""{title_fr(config)}
Données ouvertes générées le {stamp}.
Page de présentation et documentation de chaque champ : {base}/open-data

Contenu
- datapackage.json : description du paquet (Frictionless Data Package), avec le schéma de
  chaque fichier (types, descriptions en français et en anglais, clés primaires et
  étrangères) ;
{listing_fr}
- LICENCE.txt : {licence}.

Fichiers CSV en UTF-8 sans BOM, séparateur virgule, ligne d’en-tête, guillemets selon la
RFC 4180 ; dates et heures en UTC au format ISO 8601 ; valeur absente : cellule vide.

Protection des données personnelles
- Ni adresse électronique, ni adresse IP, ni note interne du Lab.
- {_names_rule_fr(publish_names)}
- Ni brouillon, ni contenu masqué par la modération ou en attente de modération, ni ce qui
  s’y rattache ; un commentaire supprimé ou masqué garde sa ligne, sans texte ni auteur.
- Les soutiens ne sont publiés qu’en nombre par proposition et par jour, jamais
  individuellement.
""",
        "README.txt": f"""{title_en(config)}
Open data generated on {stamp}.
Overview and documentation of every field: {base}/open-data

Contents
- datapackage.json: the package descriptor (Frictionless Data Package), with each file's
  Table Schema (types, French and English descriptions, primary and foreign keys);
{listing_en}
- LICENCE.txt: {licence}.

CSV files in UTF-8 without BOM, comma-separated, with a header row, quoted as RFC 4180
says; dates and times in UTC, ISO 8601; missing value: empty cell.

Personal data
- No e-mail or IP address, no internal note of the Lab.
- {_names_rule_en(publish_names)}
- No drafts, no content hidden by the moderators or awaiting moderation, nor what belongs
  to it; a deleted or hidden comment keeps its row, without text or author.
- Supports are published only as counts per proposal and day, never one by one.
""",
    }
    return {name: text.replace("\n", "\r\n") for name, text in texts.items()}
