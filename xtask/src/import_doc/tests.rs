use super::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

#[test]
fn arguments() {
    let a = parse_args(
        ["p.txt", "--out", "x.yaml", "--no-overlay"]
            .map(String::from)
            .into_iter(),
        &root(),
    )
    .unwrap();
    assert_eq!(a.out, Some(PathBuf::from("x.yaml")));
    assert_eq!(a.overlay, OverlayChoice::None);
    assert!(parse_args(["--check", "p.txt"].map(String::from).into_iter(), &root()).is_err());
    assert!(parse_args(std::iter::empty(), &root()).is_err());
    assert!(parse_args(["a", "b"].map(String::from).into_iter(), &root()).is_err());
}

#[test]
fn a_broken_page_writes_nothing_and_names_the_line() {
    let dir = std::env::temp_dir().join(format!("import-doc-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("p.txt");
    std::fs::write(&page, "标题\n请求参数\n名称 | 类型 | 是否必选 | 示例值 | 描述 |\nAction | String | 是 | Foo | x |\nA | Strang | 是 | 1 | d |\n").unwrap();
    let out = dir.join("Foo.yaml");
    let args = Args {
        page,
        out: Some(out.clone()),
        overlay: OverlayChoice::None,
        check: false,
        root: root(),
    };
    let err = run(&args).unwrap_err();
    assert!(
        err.contains("p.txt:5: error: unknown type `Strang`"),
        "{err}"
    );
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
