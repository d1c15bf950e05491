//! The last touches to the OpenAPI document that the derive macros cannot
//! give: tagged unions as named schemas with a `discriminator` (so a client
//! generator makes one type per kind of event), and a description on every
//! response, which OpenAPI requires.

use serde_json::{json, Map, Value};

/// The tag every tagged union of the API carries.
const TAG: &str = "type";

fn pascal(s: &str) -> String {
    s.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The `type` value a union member is told apart by, if it is one.
fn tag_of(member: &Value) -> Option<String> {
    let single = |o: &Value| {
        let values = o.get("properties")?.get(TAG)?.get("enum")?.as_array()?;
        match values.as_slice() {
            [Value::String(v)] => Some(v.clone()),
            _ => None,
        }
    };
    single(member).or_else(|| member.get("allOf")?.as_array()?.iter().find_map(single))
}

/// A member as one flat object schema: the payload's own properties and
/// the tag.
fn flatten(member: &Value, tag: &str, schemas: &Map<String, Value>) -> Value {
    let mut properties = Map::new();
    let mut required: Vec<Value> = Vec::new();
    let mut take = |o: &Value| {
        if let Some(p) = o.get("properties").and_then(Value::as_object) {
            properties.extend(p.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if let Some(r) = o.get("required").and_then(Value::as_array) {
            required.extend(r.iter().cloned());
        }
    };
    let parts: Vec<Value> = match member.get("allOf").and_then(Value::as_array) {
        Some(parts) => parts.clone(),
        None => vec![member.clone()],
    };
    for part in &parts {
        match part.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.trim_start_matches("#/components/schemas/");
                if let Some(s) = schemas.get(name) {
                    take(s);
                }
            }
            None => take(part),
        }
    }
    properties.insert(
        TAG.into(),
        json!({ "type": "string", "enum": [tag], "description": "Which kind this is." }),
    );
    required.retain(|r| r != TAG);
    required.push(json!(TAG));
    let mut out = json!({ "type": "object", "required": required, "properties": properties });
    if let Some(d) = member.get("description") {
        out["description"] = d.clone();
    }
    out
}

/// Every `oneOf` schema whose members are told apart by `type` becomes a
/// union of named member schemas (`CaseEventCreated`, `ActorStaff`…) with a
/// discriminator mapping each `type` to its schema.
fn discriminate(spec: &mut Value) {
    let Some(schemas) = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    let snapshot = schemas.clone();
    let mut added = Map::new();
    for (name, schema) in schemas.iter_mut() {
        let Some(members) = schema.get("oneOf").and_then(Value::as_array).cloned() else {
            continue;
        };
        let tags: Option<Vec<String>> = members.iter().map(tag_of).collect();
        let Some(tags) = tags else { continue };
        let mut refs = Vec::new();
        let mut mapping = Map::new();
        for (member, tag) in members.iter().zip(&tags) {
            let member_name = format!("{name}{}", pascal(tag));
            let target = format!("#/components/schemas/{member_name}");
            added.insert(member_name, flatten(member, tag, &snapshot));
            refs.push(json!({ "$ref": target }));
            mapping.insert(tag.clone(), json!(target));
        }
        schema["oneOf"] = Value::Array(refs);
        schema["discriminator"] = json!({ "propertyName": TAG, "mapping": mapping });
    }
    schemas.extend(added);
}

/// What a response of `status` means when its operation says nothing more.
fn standard_description(status: &str) -> &'static str {
    match status {
        "200" => "Done",
        "201" => "Created",
        "204" => "Done; nothing to answer",
        "400" => "The body is not JSON, or not sent as application/json",
        "401" => "No valid access token",
        "403" => "The caller's role does not allow this",
        "404" => "Nothing here the caller may see",
        "405" => "This path takes other methods",
        "409" => "Not possible in the current state",
        "410" => "Used up or expired",
        "412" => "Changed since the version in If-Match",
        "422" => "Invalid input; `errors` names each field",
        "428" => "If-Match is missing",
        "429" => "Too many requests; see Retry-After",
        "503" => "Unavailable for now; try again later",
        _ => "See the operation's description",
    }
}

/// Gives every response a description: OpenAPI requires one.
fn describe_responses(spec: &mut Value) {
    let Some(paths) = spec.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for op in item.values_mut() {
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            for (status, response) in responses.iter_mut() {
                let missing = response
                    .get("description")
                    .and_then(Value::as_str)
                    .is_none_or(|d| d.trim().is_empty());
                if missing && response.get("$ref").is_none() {
                    response["description"] = json!(standard_description(status));
                }
            }
        }
    }
}

/// The document with its last touches. The drift and validity tests read
/// what comes out, so a document these touches cannot go through is caught
/// there; it is logged and served as derived.
pub fn finish(api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut spec = match serde_json::to_value(&api) {
        Ok(spec) => spec,
        Err(e) => {
            tracing::error!(error = %e, "OpenAPI document is not JSON");
            return api;
        }
    };
    discriminate(&mut spec);
    describe_responses(&mut spec);
    match serde_json::from_value(spec) {
        Ok(finished) => finished,
        Err(e) => {
            tracing::error!(error = %e, "finished OpenAPI document does not read back");
            api
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tagged_union_becomes_named_members_with_a_discriminator() {
        let mut spec = json!({
            "components": { "schemas": {
                "Created": { "type": "object", "required": ["reference"], "properties": { "reference": { "type": "string" } } },
                "Event": { "oneOf": [
                    { "allOf": [ { "$ref": "#/components/schemas/Created" },
                                 { "type": "object", "required": ["type"], "properties": { "type": { "type": "string", "enum": ["created"] } } } ] },
                    { "type": "object", "required": ["type"], "properties": { "type": { "type": "string", "enum": ["viewed_by_all"] } } }
                ] },
                "Plain": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] }
            } }
        });
        discriminate(&mut spec);
        let s = &spec["components"]["schemas"];
        assert_eq!(
            s["Event"]["discriminator"]["mapping"]["created"],
            "#/components/schemas/EventCreated"
        );
        assert_eq!(
            s["Event"]["oneOf"][1]["$ref"],
            "#/components/schemas/EventViewedByAll"
        );
        assert_eq!(s["EventCreated"]["required"], json!(["reference", "type"]));
        assert!(s["EventCreated"]["properties"]["reference"].is_object());
        assert!(
            s["Plain"].get("discriminator").is_none(),
            "untagged unions stay"
        );
    }

    #[test]
    fn responses_without_a_description_get_one() {
        let mut spec = json!({ "paths": { "/x": { "get": { "responses": {
            "200": { "description": "" }, "404": {}, "422": { "description": "Mine" }
        } } } } });
        describe_responses(&mut spec);
        let r = &spec["paths"]["/x"]["get"]["responses"];
        assert_eq!(r["200"]["description"], "Done");
        assert_eq!(r["404"]["description"], "Nothing here the caller may see");
        assert_eq!(r["422"]["description"], "Mine");
    }
}
