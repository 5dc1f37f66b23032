"""The public open-data page, the latest package and its DCAT description (JSON-LD)."""
from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, send_file
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from civic.core.errors import render_error
from civic.core.permissions import public
from civic.opendata import schema, texts
from civic.opendata.build import latest_build

bp = Blueprint("opendata", __name__, url_prefix="/open-data")

TYPE_LABELS = {
    "integer": _l("whole number"),
    "number": _l("decimal number"),
    "string": _l("text"),
    "date": _l("date (YYYY-MM-DD)"),
    "datetime": _l("date and time (UTC, ISO 8601)"),
    "boolean": _l("true or false"),
}


def _english() -> bool:
    return str(get_locale()).startswith("en")


def documentation() -> list[dict]:
    """Every resource and field, in the visitor's language, for the page."""
    en = _english()
    suffix = "_en" if en else ""
    result = []
    for resource in schema.resources(current_app.config["OPEN_DATA_PUBLISH_NAMES"]):
        fields = [{"name": f["name"], "type": f["type"], "type_label": TYPE_LABELS[f["type"]],
                   "description": f["description" + suffix],
                   "required": f.get("constraints", {}).get("required", False),
                   "allowed": f.get("constraints", {}).get("enum", [])}
                  for f in resource["fields"]]
        keys = [{"fields": ", ".join(k["fields"]),
                 "resource": k["reference"]["resource"] or resource["name"],
                 "target": ", ".join(k["reference"]["fields"])}
                for k in resource["foreignKeys"]]
        result.append({"name": resource["name"], "title": resource["title" + suffix],
                       "description": resource["description" + suffix], "fields": fields,
                       "primary_key": ", ".join(resource["primaryKey"]),
                       "foreign_keys": keys})
    return result


@bp.get("")
@public
def index():
    config = current_app.config
    build = latest_build()
    return render_template(
        "opendata/index.html", build=build, resources=documentation(),
        build_size=format_decimal(build.size / 1e6, format="#,##0.0") if build else None,
        dataset_title=texts.title_en(config) if _english() else texts.title_fr(config),
        licence_name=config["OPEN_DATA_LICENSE_NAME"],
        licence_url=config["OPEN_DATA_LICENSE_URL"],
        publish_names=config["OPEN_DATA_PUBLISH_NAMES"],
        deleted_participant=schema.DELETED_PARTICIPANT)


@bp.get("/latest.zip")
@public
def latest():
    build = latest_build()
    if build is None:
        return render_error(404, _("The open-data package has not been generated yet. Come "
                                   "back later, or ask the platform team to generate it."),
                            title=_("No open-data package yet"))
    return send_file(build.path, mimetype="application/zip", as_attachment=True,
                     download_name=build.name, max_age=300)


def _text(fr: str, en: str) -> list[dict]:
    return [{"@value": fr, "@language": "fr"}, {"@value": en, "@language": "en"}]


def catalog_document() -> dict:
    """DCAT-AP description of the data set (a dcat:Catalog holding one dcat:Dataset)."""
    config = current_app.config
    base, metropolis = config["BASE_URL"], config["METROPOLIS_NAME"]
    landing = f"{base}/open-data"
    licence = {"@id": config["OPEN_DATA_LICENSE_URL"]}
    publisher = {"@type": "foaf:Organization", "foaf:name": metropolis}
    build = latest_build()
    distributions = [{
        "@id": f"{landing}#api", "@type": "dcat:Distribution",
        "dct:title": _text("API publique (JSON)", "Public API (JSON)"),
        "dcat:accessURL": {"@id": f"{base}/api/v1/"},
        "dct:conformsTo": {"@id": f"{base}/api/v1/openapi.json"},
        "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/application/json"},
        "dct:format": "JSON", "dct:license": licence,
    }]
    dataset = {
        "@id": f"{landing}#dataset", "@type": "dcat:Dataset",
        "dct:identifier": landing,
        "dct:title": _text(texts.title_fr(config), texts.title_en(config)),
        "dct:description": _text(texts.DESCRIPTION_FR.format(metropolis=metropolis),
                                 texts.DESCRIPTION_EN.format(metropolis=metropolis)),
        "dct:publisher": publisher, "dct:license": licence,
        "dct:language": [{"@id": "http://publications.europa.eu/resource/authority/language/FRA"}],
        "dcat:keyword": list(texts.KEYWORDS),
        "dcat:landingPage": {"@id": landing},
        "dcat:distribution": distributions,
    }
    if build is not None:
        stamp = {"@value": build.created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                 "@type": "xsd:dateTime"}
        dataset["dct:issued"] = dataset["dct:modified"] = stamp
        distributions.insert(0, {
            "@id": f"{landing}#zip", "@type": "dcat:Distribution",
            "dct:title": _text("Paquet de données (Frictionless Data Package, CSV)",
                               "Data package (Frictionless Data Package, CSV)"),
            "dcat:downloadURL": {"@id": f"{landing}/latest.zip"},
            "dcat:accessURL": {"@id": landing},
            "dcat:mediaType": {"@id": "https://www.iana.org/assignments/media-types/application/zip"},
            "dct:format": "ZIP", "dcat:byteSize": {"@value": str(build.size),
                                                   "@type": "xsd:nonNegativeInteger"},
            "dct:conformsTo": {"@id": "https://specs.frictionlessdata.io/data-package/"},
            "dct:issued": stamp, "dct:modified": stamp, "dct:license": licence,
        })
    return {
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                     "foaf": "http://xmlns.com/foaf/0.1/",
                     "xsd": "http://www.w3.org/2001/XMLSchema#"},
        "@id": f"{landing}/catalog.jsonld", "@type": "dcat:Catalog",
        "dct:title": _text(f"Données ouvertes de {config['SITE_NAME']}",
                           f"{config['SITE_NAME']} open data"),
        "dct:description": _text(texts.DESCRIPTION_FR.format(metropolis=metropolis),
                                 texts.DESCRIPTION_EN.format(metropolis=metropolis)),
        "dct:publisher": publisher, "foaf:homepage": {"@id": base + "/"},
        "dcat:dataset": [dataset],
    }


@bp.get("/catalog.jsonld")
@public
def catalog():
    response = Response(json.dumps(catalog_document(), ensure_ascii=False, indent=2),
                        mimetype="application/ld+json")
    response.headers["Access-Control-Allow-Origin"] = "*"  # harvesters may run in browsers
    return response
