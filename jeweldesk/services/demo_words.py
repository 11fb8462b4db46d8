"""The demo store's people, pieces and words: real-looking, accents and all."""

from __future__ import annotations

STORE = {"name": "Harbor Lane Jewelers", "phone": "+1 601 555 0100",
         "address": "12 Harbor Lane, Ridgeland MS 39157", "timezone": "America/Chicago",
         "open_weekdays": [1, 2, 3, 4, 5, 6]}
STAFF = [("KP", "Kate Pruitt", "counter"), ("LO", "Luis Ortega", "counter"),
         ("JR", "Jonah Reyes", "bench"), ("MC", "Mei-Ling Chow", "bench"),
         ("TA", "Tomás Álvarez", "bench"), ("SC", "Sandra Cole", "manager")]
COUNTER, BENCH = ("KP", "LO", "KP", "LO", "SC"), ("JR", "MC", "TA")
# code, name, phone, email, quoted days, how the real turnaround goes: (low, high) added days
VENDORS = [("PLAT", "Riverbend Plating", "+1 601 555 0190", "orders@riverbend.example", 6,
            (-2, 0)),
           ("CAST", "Magnolia Casting & Engraving", "+1 601 555 0133",
            "shop@magnoliacasting.example", 7, (0, 16)),
           ("WTCH", "Gulf Coast Watch Works", "+1 228 555 0161", "service@gulfcoastwatch.example",
            14, (-2, 3))]
OUTSIDE = {"rhodium_plating": "PLAT", "engraving": "CAST", "casting": "CAST",
           "watch_service": "WTCH"}

def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = _names("James Mary Robert Patricia Michael Jennifer William Linda David Elizabeth Richard "
         "Barbara Joseph Susan Thomas Jessica Charles Sarah Daniel Karen Matthew Nancy Anthony "
         "Lisa Mark Betty Donald Sandra Steven Ashley Andrew Kimberly Joshua Emily Kevin Donna "
         "Brian Michelle José María Zoë Renée Chloé André Siobhán Åsa Björn Łukasz Jürgen "
         "Inés Nguyễn Thảo Dorothée Ramón Leonor Søren Noémie Raúl Faith DeShawn Latoya")
LAST = _names("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez "
        "Lopez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Thompson White Harris "
        "Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker "
        "Nelson Carter Mitchell Núñez Peña Müller Østergaard O'Brien Ibáñez Kowalczyk Dvořák "
        "Nguyễn Tran Okafor Whitfield Boudreaux Thibodeaux Fontenot Pruitt Washington")
NON_LATIN = ("张伟", "王芳", "李娜", "Дмитрий Иванов", "Ольга Смирнова", "Αλεξάνδρα Παπαδοπούλου",
             "田中 さくら", "김민준", "Νίκος Γεωργίου", "陈静")
NOTES = ("Prefers text messages", "Call after 5 pm", "Allergic to nickel", "Speaks Spanish",
         "Longtime customer; ask about her mother's ring", "Pays by check", "Email only, please",
         "Hard of hearing: text first")

# kind: (weight, descriptions, metals, stones, conditions)
KINDS: dict[str, tuple[int, tuple[str, ...], tuple[str, ...], tuple[str | None, ...],
                       tuple[str, ...]]] = {
    "ring": (40, ("Lady's solitaire engagement ring", "Men's wedding band, comfort fit",
                  "Three-stone anniversary ring", "Vintage filigree ring", "Class ring",
                  "Halo engagement ring", "Eternity band", "Signet ring"),
             ("14K yellow gold", "14K white gold", "18K yellow gold", "Platinum",
              "Sterling silver", "10K rose gold"),
             (None, "1 round diamond, approx. 0.50 ct (customer stated)", "3 round diamonds",
              "Oval sapphire with diamond halo", "Emerald-cut emerald", "Pavé diamonds"),
             ("Worn prongs; light scratches on shank", "Shank thin at the bottom",
              "One stone loose", "Heavy wear, deep scratches", "Good condition")),
    "necklace": (15, ("Rope chain, 20 in", "Pearl strand, 18 in", "Box chain with pendant bail",
                      "Figaro chain, 22 in", "Tennis necklace"),
                 ("14K yellow gold", "Sterling silver", "18K white gold", "Gold-filled"),
                 (None, None, "Cultured pearls, 7 mm", "Diamonds, approx. 2 ctw"),
                 ("Broken at the clasp", "Kinked in two places", "Clasp spring weak",
                  "Strand stretched")),
    "bracelet": (10, ("Curb link bracelet, 7.5 in", "Bangle, hinged", "Charm bracelet",
                      "Tennis bracelet"),
                 ("Sterling silver", "14K yellow gold", "14K white gold"),
                 (None, None, "Round diamonds, approx. 3 ctw"),
                 ("Clasp spring weak; one bent link", "Hinge loose", "Safety chain missing")),
    "earrings": (8, ("Diamond stud earrings", "Hoop earrings, 25 mm", "Drop earrings"),
                 ("14K white gold", "14K yellow gold", "Sterling silver"),
                 (None, "2 round diamonds, approx. 0.25 ct each", "Pearls, 8 mm"),
                 ("One post bent", "Backs loose", "One stone missing")),
    "pendant": (7, ("Cross pendant", "Locket", "Birthstone pendant", "Initial pendant"),
                ("14K yellow gold", "Sterling silver"), (None, "Garnet", "Aquamarine"),
                ("Bail worn thin", "Hinge stiff", "Good condition")),
    "watch": (14, ("Men's dive watch, steel bracelet", "Lady's dress watch, leather strap",
                   "Automatic chronograph", "Quartz watch, two-tone"),
              ("Stainless steel", "Two-tone steel and gold", "Gold-plated"), (None,),
              ("Stopped", "Crystal scratched", "Loses time", "Strap worn through")),
    "brooch": (2, ("Cameo brooch", "Vintage floral brooch"), ("14K yellow gold", "Silver"),
               (None, "Marcasite"), ("Pin catch broken", "One stone missing")),
    "other": (4, ("Cufflinks, pair", "Tie clip", "Anklet", "Money clip"),
              ("Sterling silver", "14K yellow gold"), (None,), ("Hinge broken", "Worn")),
}
KIND_SERVICES: dict[str, tuple[tuple[str, int], ...]] = {
    "ring": (("ring_sizing", 5), ("prong_retip", 4), ("stone_tightening", 3),
             ("rhodium_plating", 3), ("polishing", 3), ("stone_replacement", 1),
             ("engraving", 1), ("casting", 1), ("appraisal", 1)),
    "necklace": (("clasp_repair", 5), ("chain_solder", 5), ("pearl_restring", 2),
                 ("cleaning", 2), ("appraisal", 1)),
    "bracelet": (("clasp_repair", 5), ("chain_solder", 3), ("polishing", 2),
                 ("rhodium_plating", 1)),
    "earrings": (("stone_tightening", 3), ("stone_replacement", 2), ("polishing", 2),
                 ("rhodium_plating", 1)),
    "pendant": (("chain_solder", 2), ("polishing", 3), ("engraving", 3), ("stone_setting", 1)),
    "watch": (("watch_battery", 8), ("watch_band", 4), ("watch_service", 3)),
    "brooch": (("clasp_repair", 3), ("stone_replacement", 2), ("cleaning", 1)),
    "other": (("polishing", 3), ("engraving", 2), ("clasp_repair", 2)),
}
WORDING = {"ring_sizing": ("Size up one size", "Size down half a size", "Size up 1.5 sizes"),
           "prong_retip": ("Retip four prongs", "Retip six prongs", "Retip two worn prongs"),
           "pearl_restring": ("Restring pearls on silk, knotted",),
           "rhodium_plating": ("Rhodium plate", "Rhodium plate after repair"),
           "engraving": ("Engrave initials and date inside", "Engrave a short message")}
OCCASIONS = ("Anniversary dinner", "Wedding", "Graduation", "Her 50th birthday",
             "Engagement party", "Christmas gift", "Mother's Day", "Retirement party")
