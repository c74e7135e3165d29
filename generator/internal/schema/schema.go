// Package schema writes the JSON Schemas of the content files (site.yaml,
// venues, events) from the field tables the loader reads, so that editors'
// YAML extensions complete and check fields as they type with the same
// names, required fields and vocabularies as `check`.
//
// A schema checks the shape of one file; the rules that span files (a venue
// that exists, a category that site.yaml defines) and those on values
// (impossible dates, an end before its start) stay with `check`.
package schema

import (
	"bytes"
	"encoding/json"
	"fmt"

	"quinzaine/generator/internal/content"
)

// Files are the schema files, by name, as committed under schemas/.
func Files() map[string][]byte {
	return map[string][]byte{
		"site.schema.json":  encode(root("site.schema.json", "Réglages du site (content/site.yaml)", content.SiteFields, nil)),
		"venue.schema.json": encode(root("venue.schema.json", "Lieu (content/venues/<nom>.yaml)", content.VenueFields, nil)),
		"event.schema.json": encode(root("event.schema.json", "Événement (content/events/<année>/<nom>.yaml)", content.EventFields, content.TimeForms)),
	}
}

// Schema is the part of JSON Schema (draft 2020-12) the content needs.
type Schema struct {
	Schema               string             `json:"$schema,omitempty"`
	ID                   string             `json:"$id,omitempty"`
	Title                string             `json:"title,omitempty"`
	Description          string             `json:"description,omitempty"`
	Type                 any                `json:"type,omitempty"` // a name or a list of names
	Enum                 []any              `json:"enum,omitempty"`
	MinLength            *int               `json:"minLength,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`
	Minimum              *float64           `json:"minimum,omitempty"`
	Maximum              *float64           `json:"maximum,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	Required             []string           `json:"required,omitempty"`
	AdditionalProperties any                `json:"additionalProperties,omitempty"` // false or a schema
	PropertyNames        *Schema            `json:"propertyNames,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	MinItems             *int               `json:"minItems,omitempty"`
	AnyOf                []*Schema          `json:"anyOf,omitempty"`
	OneOf                []*Schema          `json:"oneOf,omitempty"`
}

const (
	slugPattern = `^[a-z0-9]+(-[a-z0-9]+)*$`
	langPattern = `^[a-z]{2,3}$`
)

func root(id, title string, fields []content.Field, oneOf []string) *Schema {
	s := object(fields)
	s.Schema = "https://json-schema.org/draft/2020-12/schema"
	s.ID = id
	s.Title = title
	s.Description = "Généré par « go run ./generator schema » depuis les règles de « go run ./generator check » ; ne pas modifier à la main."
	for _, name := range oneOf {
		s.OneOf = append(s.OneOf, &Schema{Required: []string{name}})
	}
	return s
}

// object is a mapping of fields, none other allowed.
func object(fields []content.Field) *Schema {
	s := &Schema{Type: "object", Properties: map[string]*Schema{}, AdditionalProperties: false}
	for _, f := range fields {
		s.Properties[f.Name] = field(f)
		if f.Required {
			s.Required = append(s.Required, f.Name)
		}
	}
	return s
}

// text is what the loader reads as a text: a number is taken as written.
func text() *Schema { return &Schema{Type: []string{"string", "number"}} }

func field(f content.Field) *Schema {
	var s *Schema
	switch f.Kind {
	case content.KindText, content.KindLine:
		s = text()
		if f.Values != nil {
			s = &Schema{Type: "string", Enum: words(f.Values)}
		} else if f.Required {
			// check refuses a required text left empty or only spaces.
			one := 1
			s.MinLength, s.Pattern = &one, `\S`
		}
	case content.KindMarkdown:
		s = text()
	case content.KindPath:
		s = &Schema{Type: "string"}
	case content.KindURL:
		s = &Schema{Type: "string", Pattern: `^https?://[^\s/]+`}
	case content.KindBool:
		// The loader also takes the words editors type for yes and no.
		s = &Schema{AnyOf: []*Schema{{Type: "boolean"}, {Enum: words([]string{"oui", "non", "yes", "no"})}}}
	case content.KindNumber:
		s = &Schema{Type: "number", Minimum: f.Min, Maximum: f.Max}
	case content.KindInt:
		s = &Schema{Type: "integer", Minimum: f.Min, Maximum: f.Max}
	case content.KindDate:
		s = &Schema{Type: "string", Pattern: `^\d{4}-\d{2}-\d{2}$`}
	case content.KindTime:
		s = &Schema{Type: "string", Pattern: `^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$`}
	case content.KindHours:
		s = &Schema{Type: "string", Pattern: `^\d{2}:\d{2}-\d{2}:\d{2}$`}
	case content.KindWords:
		word := &Schema{Type: "string"}
		if f.Values != nil {
			word.Enum = words(f.Values)
		}
		// One word alone is read as a list of one.
		s = &Schema{AnyOf: []*Schema{word, {Type: "array", Items: word}}}
	case content.KindMapping:
		s = object(f.Fields)
	case content.KindList:
		one := 1
		s = &Schema{Type: "array", Items: object(f.Fields), MinItems: &one}
	case content.KindTerms:
		labels := &Schema{Type: "object", PropertyNames: &Schema{Pattern: langPattern}, AdditionalProperties: text()}
		s = &Schema{Type: "object", PropertyNames: &Schema{Pattern: slugPattern}, AdditionalProperties: labels}
	case content.KindLabels:
		var each *Schema
		if f.Fields != nil {
			each = object(f.Fields)
		} else {
			each = &Schema{Type: "object", AdditionalProperties: text()}
		}
		s = &Schema{Type: "object", PropertyNames: &Schema{Pattern: langPattern}, AdditionalProperties: each}
	case content.KindPrice:
		zero := 0.0
		s = &Schema{AnyOf: []*Schema{
			{Type: "string"},
			{Type: "number", Minimum: &zero},
			object(f.Fields),
		}}
	default:
		panic(fmt.Sprintf("schema: field %s has kind %d, which has no schema", f.Name, f.Kind))
	}
	s.Description = f.Doc
	return s
}

func words(ws []string) []any {
	out := make([]any, len(ws))
	for i, w := range ws {
		out[i] = w
	}
	return out
}

// encode writes s as indented JSON with a final newline. Map keys come out
// sorted, so the files are stable.
func encode(s *Schema) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s); err != nil {
		panic(fmt.Sprintf("schema: %v", err))
	}
	return b.Bytes()
}
