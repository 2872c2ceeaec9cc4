#!/usr/bin/env python3
"""Writes an X12 837P (005010X222A1) twin of a PPL example claim.

Usage: python3 examples/x12/make-837p.py examples/claims/NAME.json > examples/x12/NAME.837

Only what an 837P carries is written: payer, patient, providers, place of service,
prior authorization, diagnoses, and each line's code, modifiers, charge, units, date,
pointers and NDC. Injection documentation, the encounter and history have no place in
an 837P, so only examples whose decision does not depend on them have twins.
"""
import json
import sys

# X12 payer ids the twins use; examples/x12/payers.csv maps the non-Medicare ones.
PAYER_IDS = {
    ("medicare", "JF"): "02102",   # a Medicare Part B contractor number the default mapping files under JF
    ("medicare", "JN"): "09102",   # First Coast, JN, in the default mapping
    ("medicaid-tx", "TX"): "TXMCD",
    ("example-ppo", None): "EXPPO",
    ("example-hmo", None): "EXHMO",
}


def d8(date):
    return date.replace("-", "")


def money(x):
    return ("%.2f" % x).rstrip("0").rstrip(".") if x is not None else "0"


def person(provider, default):
    """NM103*NM104*NM105 of a person named "LAST, FIRST MIDDLE" in the JSON, else the default name."""
    name = (provider or {}).get("name")
    if not name:
        return default
    last, _, given = name.partition(", ")
    first, _, middle = given.partition(" ")
    return "%s*%s*%s" % (last, first, middle)


def main(path):
    c = json.load(open(path))
    payer = c["payer"]
    payer_id = PAYER_IDS[(payer["id"], payer.get("jurisdiction"))]
    seg = []
    seg.append("ST*837*0001*005010X222A1")
    seg.append("BHT*0019*00*%s*20260309*1200*CH" % c["claimId"][:30])
    seg.append("NM1*41*2*PPL EXAMPLE PRACTICE*****46*PPLSUBMIT")
    seg.append("PER*IC*BILLING OFFICE*TE*5555550100")
    seg.append("NM1*40*2*EXAMPLE RECEIVER*****46*RECEIVER01")
    seg.append("HL*1**20*1")
    npi = (c.get("billingProvider") or {}).get("npi", "1234567893")
    group = (c.get("billingProvider") or {}).get("name") or "PPL EXAMPLE PRACTICE"
    seg.append("NM1*85*2*%s*****XX*%s" % (group, npi))
    seg.append("N3*100 MAIN STREET")
    seg.append("N4*JACKSONVILLE*FL*322020000")
    seg.append("REF*EI*123456789")
    seg.append("HL*2*1*22*0")
    filing = {"medicare": "MB", "medicaid": "MC", "commercial": "CI"}[payer["type"]]
    seg.append("SBR*P*18*******%s" % filing)
    patient = c.get("patient") or {}
    seg.append("NM1*IL*1*PATIENT*EXAMPLE****MI*%s" % patient.get("id", "UNKNOWN"))
    seg.append("N3*1 PATIENT WAY")
    seg.append("N4*JACKSONVILLE*FL*322020000")
    if patient.get("birthDate"):
        seg.append("DMG*D8*%s*%s" % (d8(patient["birthDate"]), patient.get("sex", "U")))
    seg.append("NM1*PR*2*EXAMPLE PAYER*****PI*%s" % payer_id)
    total = sum(l.get("charge", 0) or 0 for l in c["lines"])
    seg.append("CLM*%s*%s***%s:B:1*Y*A*Y*Y" % (c["claimId"], money(total), c.get("placeOfService", "11")))
    if c.get("priorAuthorization"):
        seg.append("REF*G1*%s" % c["priorAuthorization"])
    dx = [d.replace(".", "") for d in c.get("diagnoses", [])]
    if dx:
        seg.append("HI*" + "*".join(("ABK:" if i == 0 else "ABF:") + d for i, d in enumerate(dx)))
    rendering = (c.get("renderingProvider") or {}).get("npi")
    if rendering:
        seg.append("NM1*82*1*%s***XX*%s" % (person(c.get("renderingProvider"), "PROVIDER*RENDERING*"), rendering))
    supervising = (c.get("supervisingProvider") or {}).get("npi")
    if supervising:
        seg.append("NM1*DQ*1*%s***XX*%s" % (person(c.get("supervisingProvider"), "PROVIDER*SUPERVISING*"), supervising))
    for i, l in enumerate(c["lines"], start=1):
        if l["line"] != i:
            sys.exit("%s: line numbers must run 1, 2, 3... to have an 837P twin" % path)
        seg.append("LX*%d" % i)
        composite = ["HC", l["code"]] + l.get("modifiers", [])
        if l.get("description"):
            # SV101-7: the description follows the four modifier positions
            composite += [""] * (6 - len(composite)) + [l["description"]]
        proc = ":".join(composite)
        units = l["units"]
        units = str(int(units)) if float(units).is_integer() else str(units)
        pointers = ":".join(str(p) for p in l.get("diagnosisPointers", []))
        seg.append("SV1*%s*%s*UN*%s***%s" % (proc, money(l.get("charge")), units, pointers))
        seg.append("DTP*472*D8*%s" % d8(l["serviceDate"]))
        drug = l.get("drug")
        if drug and drug.get("ndc"):
            seg.append("LIN**N4*%s" % drug["ndc"])
            if drug.get("quantity") is not None and drug.get("unit"):
                q = drug["quantity"]
                q = str(int(q)) if float(q).is_integer() else str(q)
                seg.append("CTP****%s*%s" % (q, drug["unit"]))
        line_supervising = (l.get("supervisingProvider") or {}).get("npi")
        if line_supervising:
            seg.append("NM1*DQ*1*%s***XX*%s" % (person(l.get("supervisingProvider"), "PROVIDER*SUPERVISING*"),
                                                 line_supervising))
    seg.append("SE*%d*0001" % (len(seg) + 1))
    head = ["ISA*00*          *00*          *ZZ*PPLSUBMIT      *ZZ*RECEIVER01     *260309*1200*^*00501*000000001*0*T*:",
            "GS*HC*PPLSUBMIT*RECEIVER01*20260309*1200*1*X*005010X222A1"]
    tail = ["GE*1*1", "IEA*1*000000001"]
    print("~\n".join(head + seg + tail) + "~")


if __name__ == "__main__":
    main(sys.argv[1])
