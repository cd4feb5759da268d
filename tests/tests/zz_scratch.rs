#[test]
fn dump() {
    match codegen::generate_files(std::path::Path::new("fixtures/widget-spec")) {
        Ok(files) => {
            std::fs::create_dir_all("/tmp/widgets-dump/src").unwrap();
            for f in files {
                println!("{}", f.path);
                let p = std::path::Path::new("/tmp/widgets-dump").join(f.path.trim_start_matches("widgets/"));
                std::fs::write(p, f.contents).unwrap();
            }
        }
        Err(d) => panic!("{d}"),
    }
}
