"""The register of processing activities (verwerkingsregister): each API operation's activity and purpose.

Every service keeps `<service>/verwerkingsregister.yaml`:

    activiteiten:
      melding-registreren: {naam: …, doel: …, grondslag: …}
    operaties:
      registreerMelding: melding-registreren
      zoekGemeenten: null          # touches no personal data

A test compares the operations with the service's OpenAPI document, so a new route cannot go
without an entry. The subject access route every service shares is registered here.
"""

from __future__ import annotations

from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict

REGISTER_FILE = "verwerkingsregister.yaml"
UNREGISTERED = "niet-geregistreerd"


class Activiteit(BaseModel):
    model_config = ConfigDict(frozen=True)

    naam: str
    doel: str
    grondslag: str


SUBJECT_ACCESS = "inzageverzoek-afhandelen"
SHARED_ACTIVITIES = {
    SUBJECT_ACCESS: Activiteit(
        naam="Inzageverzoek afhandelen",
        doel="Een betrokkene inzage geven in de verwerkingen van zijn persoonsgegevens",
        grondslag="AVG art. 15 (recht op inzage); NEN 7513",
    ),
}
SHARED_OPERATIONS: dict[str, str | None] = {"raadpleegVerwerkingen": SUBJECT_ACCESS}


class Register(BaseModel):
    model_config = ConfigDict(frozen=True)

    activiteiten: dict[str, Activiteit]
    operaties: dict[str, str | None]

    def activity_of(self, operation_id: str | None) -> tuple[str, Activiteit | None]:
        """The activity id and its description; `niet-geregistreerd` for an operation without an entry."""
        activity_id = self.operaties.get(operation_id or "")
        if activity_id is None:
            return UNREGISTERED, None
        return activity_id, self.activiteiten[activity_id]

    def check(self) -> list[str]:
        """Operations that name an activity the register does not describe."""
        return [f"{op} → {a}" for op, a in self.operaties.items() if a is not None and a not in self.activiteiten]

    @classmethod
    def of_package(cls, package: str) -> Register:
        data = yaml.safe_load(resources.files(package).joinpath(REGISTER_FILE).read_text())
        register = cls(
            activiteiten={**SHARED_ACTIVITIES, **data.get("activiteiten", {})},
            operaties={**SHARED_OPERATIONS, **data.get("operaties", {})},
        )
        if dangling := register.check():
            raise ValueError(f"{package}/{REGISTER_FILE}: operations name unknown activities: {', '.join(dangling)}")
        return register
