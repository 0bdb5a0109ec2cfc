// Command register-webhooks registers the admission webhooks of one Cluster
// API component with the API server, as read from the component's own
// config/webhook/manifests.yaml in the Go module cache, but pointing at a URL
// on loopback (where the manager serves them over TLS) instead of an
// in-cluster Service. With --conversion-crds it also points those CRDs'
// conversion at the component's /convert endpoint.
package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/tools/clientcmd"
)

var gvrs = map[string]schema.GroupVersionResource{
	"ValidatingWebhookConfiguration": {Group: "admissionregistration.k8s.io", Version: "v1", Resource: "validatingwebhookconfigurations"},
	"MutatingWebhookConfiguration":   {Group: "admissionregistration.k8s.io", Version: "v1", Resource: "mutatingwebhookconfigurations"},
}

var crdGVR = schema.GroupVersionResource{Group: "apiextensions.k8s.io", Version: "v1", Resource: "customresourcedefinitions"}

func main() {
	kubeconfig := flag.String("kubeconfig", "", "kubeconfig of the API server")
	manifests := flag.String("manifests", "", "the component's config/webhook/manifests.yaml")
	url := flag.String("url", "", "base URL the manager serves webhooks on, e.g. https://127.0.0.1:9443")
	caFile := flag.String("ca-file", "", "CA that signed the manager's serving certificate")
	prefix := flag.String("prefix", "", "prefix for the configurations' names (one per component)")
	conversion := flag.String("conversion-crds", "", "comma-separated CRD names whose conversion goes to <url>/convert")
	flag.Parse()
	if err := run(*kubeconfig, *manifests, *url, *caFile, *prefix, *conversion); err != nil {
		fmt.Fprintln(os.Stderr, "register-webhooks:", err)
		os.Exit(1)
	}
}

func run(kubeconfig, manifests, url, caFile, prefix, conversion string) error {
	if kubeconfig == "" || url == "" || caFile == "" || prefix == "" {
		return errors.New("--kubeconfig, --url, --ca-file and --prefix are required")
	}
	config, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	client, err := dynamic.NewForConfig(config)
	if err != nil {
		return err
	}
	ca, err := os.ReadFile(caFile)
	if err != nil {
		return err
	}
	caBundle := base64.StdEncoding.EncodeToString(ca)
	ctx := context.Background()
	apply := metav1.ApplyOptions{FieldManager: "real-capi", Force: true}

	if manifests != "" {
		data, err := os.ReadFile(manifests)
		if err != nil {
			return err
		}
		decoder := utilyaml.NewYAMLOrJSONDecoder(bytes.NewReader(data), 4096)
		for {
			obj := &unstructured.Unstructured{}
			if err := decoder.Decode(&obj.Object); err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return err
			}
			gvr, ok := gvrs[obj.GetKind()]
			if !ok {
				continue
			}
			webhooks, _, _ := unstructured.NestedSlice(obj.Object, "webhooks")
			for i := range webhooks {
				hook := webhooks[i].(map[string]interface{})
				path, _, _ := unstructured.NestedString(hook, "clientConfig", "service", "path")
				hook["clientConfig"] = map[string]interface{}{"url": url + path, "caBundle": caBundle}
				webhooks[i] = hook
			}
			if err := unstructured.SetNestedSlice(obj.Object, webhooks, "webhooks"); err != nil {
				return err
			}
			obj.SetName(prefix + "-" + obj.GetName())
			if _, err := client.Resource(gvr).Apply(ctx, obj.GetName(), obj, apply); err != nil {
				return fmt.Errorf("%s %s: %w", obj.GetKind(), obj.GetName(), err)
			}
			fmt.Printf("registered %s %s (%d webhooks)\n", obj.GetKind(), obj.GetName(), len(webhooks))
		}
	}

	for _, name := range strings.Split(conversion, ",") {
		if name == "" {
			continue
		}
		patch := fmt.Sprintf(`{"spec":{"conversion":{"strategy":"Webhook","webhook":{"conversionReviewVersions":["v1","v1beta1"],"clientConfig":{"url":%q,"caBundle":%q}}}}}`, url+"/convert", caBundle)
		if _, err := client.Resource(crdGVR).Patch(ctx, name, types.MergePatchType, []byte(patch), metav1.PatchOptions{FieldManager: "real-capi"}); err != nil {
			return fmt.Errorf("conversion of %s: %w", name, err)
		}
	}
	return nil
}
