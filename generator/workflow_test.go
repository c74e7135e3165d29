package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// workflow is the part of a GitHub Actions workflow the test reads.
type workflow struct {
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Permissions map[string]string `yaml:"permissions"`
		Steps       []struct {
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

// shellWords splits a command line the way the workflow's shell does for
// the commands it runs: words, double-quoted strings and $NAME variables.
func shellWords(line string, env map[string]string) []string {
	var out []string
	for _, w := range regexp.MustCompile(`"[^"]*"|\S+`).FindAllString(line, -1) {
		w = strings.Trim(w, `"`)
		w = os.Expand(w, func(name string) string { return env[name] })
		out = append(out, w)
	}
	return out
}

// TestWorkflowRunsCommandsOurCLIHas runs every generator command of the
// workflow against a small programme, so that renaming a command or a flag
// fails here before it fails in CI.
func TestWorkflowRunsCommandsOurCLIHas(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", ".github", "workflows", "programme.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(data, &wf); err != nil {
		t.Fatalf("programme.yml: %v", err)
	}
	if len(wf.Permissions) != 1 || wf.Permissions["contents"] != "read" {
		t.Errorf("the workflow's default permissions are %v; want contents: read only", wf.Permissions)
	}
	// The Pages address, as configure-pages gives it: no publication yet.
	pages := httptest.NewServer(http.NotFoundHandler())
	defer pages.Close()
	dir, theme := project(t, "small")
	commands := 0
	for name, job := range wf.Jobs {
		for _, step := range job.Steps {
			if step.Uses != "" && !regexp.MustCompile(`^actions/[a-z-]+@v\d+$`).MatchString(step.Uses) {
				t.Errorf("job %s uses %q; want an actions/ action pinned to a major version", name, step.Uses)
			}
			env := map[string]string{}
			for k := range step.Env {
				env[k] = pages.URL
			}
			for _, line := range strings.Split(step.Run, "\n") {
				words := shellWords(line, env)
				if len(words) < 3 || words[0] != "go" || words[1] != "run" {
					continue
				}
				if words[2] != "./generator" {
					t.Errorf("job %s runs %q; want go run ./generator", name, line)
					continue
				}
				commands++
				args := append(words[3:], "-theme", theme)
				if words[3] == "check" {
					args = words[3:]
				}
				code, _, stderr := invoke(t, dir, args...)
				if code != 0 {
					t.Errorf("job %s: %q exits %d:\n%s", name, line, code, stderr)
				}
			}
		}
	}
	if commands != 3 {
		t.Errorf("the workflow runs %d generator commands; want check and build on pull requests, build on main", commands)
	}
}
