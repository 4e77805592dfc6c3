/** The commented starter document that `valueweb init` writes: a small, valid ecosystem to edit. */
export const STARTER_DOCUMENT = `# A Valueweb ecosystem document, format v1 (YAML; JSON works too).
# Validate it with:  npx valueweb validate <this file>
# Analyse it with:   npx valueweb analyze <this file>
# The JSON Schema:   npx valueweb schema
valueweb: 1

ecosystem:
  id: my-ecosystem            # letters, digits, . _ : - ; used in URLs and the CLI
  name: My ecosystem
  purpose: Why these actors work together (start with the "why", then codify the "how").
  goals:
    - Earlier diagnosis for patients with rare diseases

# Actors: organizations, communities or individuals.
# kind: biopharma, medtech, deeptech, startup, corporate, provider, payer, public,
#       patient-group, university, ngo, community, individual, other
actors:
  - id: acme-bio
    name: Acme Biotherapeutics
    kind: biopharma
    capabilities: [clinical development, regulatory affairs]   # what it can offer
    needs: [real-world data, patient insight]                  # what it lacks
    values: [patient-centricity, scientific rigour]
    clock: { cadence: quarterly, fiscalYearStart: 1 }          # its planning rhythm
  - id: city-hospital
    name: City University Hospital
    kind: provider
    capabilities: [real-world data, clinical validation]
    needs: [funding]
    values: [patient-centricity]
    clock: { cadence: annual, fiscalYearStart: 1 }
  - id: rare-alliance
    name: Rare Disease Patient Alliance
    kind: patient-group
    capabilities: [patient insight]
    needs: [funding]
    values: [patient-centricity, equity]

# Relationships: ties between two actors.
# kind: partnership, research, supply, data, funding, information, customer, competition, other
# flows: data, money, knowledge, product, talent, ... ; strength defaults to 1; directed to false
relationships:
  - { from: acme-bio, to: city-hospital, kind: research, flows: [data, money] }
  - { from: rare-alliance, to: city-hospital, kind: information, flows: [knowledge] }

# Partnerships: formal alliances with a shared purpose.
# stage: exploring, pilot, scaling, evolving, dissolved
partnerships:
  - id: early-diagnosis
    name: Early Diagnosis Pilot
    purpose: Shorten the diagnostic odyssey with shared real-world data.
    stage: pilot
    members:
      - { actor: acme-bio, role: sponsor }
      - { actor: city-hospital, role: clinical lead }
      - { actor: rare-alliance, role: patient voice }
`;
